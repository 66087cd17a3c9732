import SchoolIDBase
import SchoolIDJOSE
import SchoolIDVerifier

/// What the demo concluded about the newest acknowledgement request for a note.
enum NoteStatus: Sendable {
    /// Not asked yet (or the request is not visible to this client).
    case none
    /// Asked; no guardian has signed yet.
    case pending(id: String)
    /// Signed, and the receipt verified offline: signature and key period, `iss`, `aud`,
    /// the note's bytes against `digest`, inclusion under a checkpoint consistent with the
    /// held one. `treeSize` is that checkpoint's size.
    case verified(id: String, receipt: VerifiedReceipt, treeSize: Int, withdrawn: Bool)
    /// Signed, but the receipt did not verify: `reason` is the verifier's code.
    case failed(id: String, reason: String)
}

/// Verifies a signed acknowledgement the way any diary service can: offline, with
/// `SchoolIDVerifier` only.
struct NoteVerification: Sendable {
    let monitor: LedgerMonitor

    /// The status of `answer` (`GET /v1/acknowledgements/{id}`; `body` its raw bytes) for
    /// `note` about `student`.
    func status(of answer: APIAnswer, body: [UInt8], note: TeacherNote, student: String) async -> NoteStatus {
        guard let id = answer.string("id") else { return .none }
        let state = answer.string("state") ?? ""
        guard state == "signed" || state == "withdrawn" else { return .pending(id: id) }
        guard let compact = answer.string("receipt") else { return .failed(id: id, reason: "receipt_missing") }
        do {
            let proof = try InclusionProof(json: body)
            // Signature, ack key period, iss, aud; inclusion; the monitor advances its held
            // checkpoint only along a consistency proof (or checks an older one against it).
            let receipt = try await monitor.verifyInclusion(receipt: compact, proof: proof)
            guard receipt.acknowledgement == id, receipt.student == student, receipt.document == note.documentID else {
                return .failed(id: id, reason: "receipt_for_another_request")
            }
            guard receipt.matches(document: note.bytes) else { throw VerificationError.documentMismatch }
            return .verified(id: id, receipt: receipt, treeSize: proof.treeSize, withdrawn: state == "withdrawn")
        } catch let error as VerificationError {
            return .failed(id: id, reason: error.code.description)
        } catch {
            return .failed(id: id, reason: "verification_failed")
        }
    }
}
