import Foundation
import SchoolIDBase
import SchoolIDVerifier

/// `schoolid verify token|receipt|checkpoint`: checks an access token, an acknowledgement
/// receipt (and its place in the ledger) or the ledger's checkpoint the way a diary service
/// does, with `SchoolIDVerifier`.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "verify an access token, an acknowledgement receipt or the ledger checkpoint as a diary service would"
    static let help = """
    usage: schoolid verify token TOKEN --issuer URL --audience A [--jwks-uri URL] [--leeway SECONDS]
           schoolid verify receipt FILE [--document PATH] [--proof PROOF.json [--checkpoint-store PATH]]
                                   --issuer URL --audience CLIENT [--keys-uri URL]
           schoolid verify checkpoint --issuer URL [--checkpoint-store PATH] [--keys-uri URL]

    token: verifies an RFC 9068 access token offline with SchoolIDVerifier: the keys come
    from --jwks-uri, or from the jwks_uri of URL/.well-known/openid-configuration (whose
    issuer must equal URL exactly).

    receipt: verifies the acknowledgement receipt (an ack+jwt JWS) in FILE against the ack
    keys of URL/v1/ledger/keys (or --keys-uri): signature by an ack key, typ, iss, aud and
    iat inside the key's active period; with --document, also that the file at PATH is
    the acknowledged document (its SHA-256 equals the receipt's digest). With --proof
    (the "proof" object of GET /v1/acknowledgements/{id}, or that whole answer), also
    that the receipt is entry ledger_index of the ledger under the proof's checkpoint
    (RFC 9162 inclusion proof; the checkpoint signed by an ack key).

    checkpoint: fetches URL/v1/ledger/checkpoint and verifies its signature.

    --checkpoint-store PATH keeps the newest checkpoint accepted in a file: the first one
    is trusted, a later one only with a consistency proof from it (fetched from
    URL/v1/ledger/consistency); a smaller or inconsistent one fails (checkpoint_rollback,
    checkpoint_inconsistent). Tamper-evidence holds relative to the checkpoint kept there.

    URLs must be https, or http to a loopback host. Exit 0 and the verified claims as JSON
    on stdout; exit 1 and the reason (expired, wrong_audience, unknown_key,
    key_not_active, document_mismatch, not_included, …) on stderr.

    options:
      --issuer URL       the exact iss to accept
      --audience A       the aud the token or receipt must carry (the client id)
      --jwks-uri URL     token: fetch the keys here instead of through discovery
      --keys-uri URL     receipt: fetch the ack keys here instead of URL/v1/ledger/keys
      --document PATH    receipt: the document the receipt must acknowledge
      --proof PATH       receipt: the inclusion proof JSON
      --checkpoint-store PATH  the file holding the newest accepted checkpoint
      --leeway SECONDS   clock skew tolerated for exp/nbf/iat (default 60)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (token, receipt, checkpoint)")
        switch subcommand {
        case "token": try await verifyToken(arguments)
        case "receipt": try await verifyReceipt(arguments)
        case "checkpoint": try await verifyCheckpoint(arguments)
        default: throw UsageError("unknown verify subcommand '\(subcommand)'")
        }
    }

    private static func verifyToken(_ arguments: consuming Arguments) async throws {
        let issuer = try arguments.option(required: "--issuer")
        let audience = try arguments.option(required: "--audience")
        let jwksURI = try url(arguments.option("--jwks-uri"), option: "--jwks-uri")
        let leeway = try leeway(arguments.option("--leeway"))
        // After the options, so that an option's value is never taken for the token.
        let token = try arguments.required("TOKEN")
        try arguments.finish()

        let verifier = Verifier(configuration: VerifierConfiguration(
            issuer: issuer, audience: audience, jwksURI: jwksURI, leeway: leeway))
        let verified: VerifiedAccessToken
        do {
            verified = try await verifier.verifyAccessToken(token)
        } catch let error as VerificationError {
            throw CommandFailure("invalid token: \(error)")
        }
        try printJSON(verified)
    }

    private static func verifyReceipt(_ arguments: consuming Arguments) async throws {
        let issuer = try arguments.option(required: "--issuer")
        let audience = try arguments.option(required: "--audience")
        let keysURI = try url(arguments.option("--keys-uri"), option: "--keys-uri")
        let documentPath = try arguments.option("--document")
        let proofPath = try arguments.option("--proof")
        let storePath = try arguments.option("--checkpoint-store")
        let leeway = try leeway(arguments.option("--leeway"))
        let file = try arguments.required("FILE")
        try arguments.finish()
        if storePath != nil, proofPath == nil { throw UsageError("--checkpoint-store needs --proof") }

        let compact = String(decoding: try read(file), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let document = try documentPath.map(read)
        let proof: InclusionProof?
        do {
            proof = try proofPath.map { try InclusionProof(json: read($0)) }
        } catch let error as VerificationError {
            throw CommandFailure("invalid proof: \(error)")
        }
        let verifier = ReceiptVerifier(configuration: ReceiptVerifierConfiguration(
            issuer: issuer, audience: audience, keysURI: keysURI, leeway: leeway))
        let receipt: VerifiedReceipt
        var checkpoint: VerifiedCheckpoint?
        do {
            if let proof {
                let monitor = LedgerMonitor(verifier: verifier, store: try store(storePath))
                receipt = try await monitor.verifyInclusion(receipt: compact, proof: proof)
                checkpoint = try await verifier.verifyCheckpoint(proof.checkpoint)
            } else {
                receipt = try await verifier.verifyReceipt(compact)
            }
        } catch let error as VerificationError {
            throw CommandFailure("invalid receipt: \(error)")
        }
        if let document, !receipt.matches(document: document) {
            throw CommandFailure("invalid receipt: \(VerificationError.documentMismatch)")
        }
        if let checkpoint {
            try printJSON(ReceiptInLedger(receipt: receipt, checkpoint: checkpoint))
        } else {
            try printJSON(receipt)
        }
    }

    private static func verifyCheckpoint(_ arguments: consuming Arguments) async throws {
        let issuer = try arguments.option(required: "--issuer")
        let keysURI = try url(arguments.option("--keys-uri"), option: "--keys-uri")
        let storePath = try arguments.option("--checkpoint-store")
        let leeway = try leeway(arguments.option("--leeway"))
        try arguments.finish()

        // A checkpoint has no aud: the audience is never compared.
        let verifier = ReceiptVerifier(configuration: ReceiptVerifierConfiguration(
            issuer: issuer, audience: "", keysURI: keysURI, leeway: leeway))
        let monitor = LedgerMonitor(verifier: verifier, store: try store(storePath))
        do {
            try printJSON(try await monitor.update())
        } catch let error as VerificationError {
            throw CommandFailure("invalid checkpoint: \(error)")
        }
    }

    /// The file store at `path`, or a store in memory (nothing held: trust on first use).
    private static func store(_ path: String?) throws -> any CheckpointStore {
        guard let path else { return MemoryCheckpointStore() }
        return FileCheckpointStore(path: URL(fileURLWithPath: path))
    }

    private static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
        return Array(data)
    }

    /// What `verify receipt --proof` prints: the receipt and the checkpoint it is in.
    private struct ReceiptInLedger: Encodable {
        let receipt: VerifiedReceipt
        let checkpoint: VerifiedCheckpoint
    }

    private static func url(_ text: String?, option: String) throws(UsageError) -> URL? {
        guard let text else { return nil }
        guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
            throw UsageError("\(option) \(text) is not an absolute URL")
        }
        return url
    }

    private static func leeway(_ text: String?) throws(UsageError) -> Int64 {
        guard let text else { return 60 }
        guard let seconds = Int64(text), (0...600 as ClosedRange<Int64>).contains(seconds) else {
            throw UsageError("--leeway takes whole seconds from 0 to 600")
        }
        return seconds
    }

    private static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
