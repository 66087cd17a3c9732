import SchoolIDBase
import SchoolIDHTTP
import SchoolIDJOSE
import SchoolIDVerifier

extension DiaryDemoRoutes {
    /// `GET /students/{id}/notes`: the teacher's note about a student the person's token
    /// names, its digest, and the status of the newest request to sign it — verified
    /// offline when signed ("Подпись проверена: …"), or the reason it failed.
    func notes(_ request: Request) async throws -> Response {
        guard let (_, session) = signedIn(request) else { return redirect("/") }
        guard let student = request.pathParameters["id"],
              session.verified.students?.contains(where: { $0.id == student }) == true
        else { return noAccess("This student is not in your SchoolID token.") }
        let note = teacherNotes.note(for: student)
        let digest = VerifiedReceipt.digest(of: note.bytes)
        let newest = try await acknowledgements.list(student: student).last {
            if case .string(note.documentID)? = $0["document"] { true } else { false }
        }
        var status = NoteStatus.none
        var requestedDigest: String?
        if case .string(let id)? = newest?["id"] {
            let (answer, body) = try await acknowledgements.show(id)
            requestedDigest = answer.string("digest")
            status = await verification.status(of: answer, body: body, note: note, student: student)
        }
        var html = "<p>Student <code id=\"student\">\(HTML.escape(student))</code></p>\n"
        html += "<h2>\(HTML.escape(note.title))</h2>\n<pre id=\"note\">\(HTML.escape(String(decoding: note.bytes, as: UTF8.self)))</pre>\n"
        html += "<p>Document <code id=\"document\">\(HTML.escape(note.documentID))</code>, SHA-256 "
            + "<code id=\"digest\">\(HTML.escape(Self.grouped(digest)))</code></p>\n"
        html += Self.describe(status)
        if requestedDigest != digest {
            html += HTML.button("Попросить родителя подписать", action: "/students/\(PercentEncoding.encodeUnreserved(student))/notes/request",
                                csrf: session.csrfToken)
        }
        html += "<p><a href=\"/\">Back</a></p>"
        return HTML.page("Teacher's notes", body: html)
    }

    /// `POST /students/{id}/notes/request` (CSRF-guarded): `POST /v1/acknowledgements` with
    /// the demo's client token, digest = SHA-256 of the note's bytes; back to the notes.
    func requestSignature(_ request: Request) async throws -> Response {
        guard let (_, session) = signedIn(request) else { return redirect("/") }
        guard hasCSRFToken(request, of: session) else { return noAccess("The form is stale; reload the page.") }
        guard let student = request.pathParameters["id"],
              session.verified.students?.contains(where: { $0.id == student }) == true
        else { return noAccess("This student is not in your SchoolID token.") }
        let note = teacherNotes.note(for: student)
        let answer = try await acknowledgements.request(note, student: student, digest: VerifiedReceipt.digest(of: note.bytes))
        guard answer.status == 201 || answer.status == 200 else {
            return HTML.page("Request refused", body: "<p class=\"refused\">SchoolID refused: <code id=\"error\">"
                + "\(HTML.escape(answer.errorCode ?? "status \(answer.status)"))</code></p>\n<p><a href=\"/\">Back</a></p>",
                status: .badRequest)
        }
        return redirect("/students/\(PercentEncoding.encodeUnreserved(student))/notes")
    }

    /// The status paragraph of the notes page.
    static func describe(_ status: NoteStatus) -> String {
        switch status {
        case .none:
            return "<p id=\"status\">Не отправлено на подпись.</p>\n"
        case .pending(let id):
            return "<p id=\"status\">Ждёт подписи родителя (<code>\(HTML.escape(id))</code>).</p>\n"
        case .verified(let id, let receipt, let treeSize, let withdrawn):
            var text = "<p id=\"verified\">Подпись проверена: <code>\(HTML.escape(id))</code> подписал "
                + "<code id=\"signer\">\(HTML.escape(receipt.signer))</code> "
                + "(<span id=\"signer-role\">\(HTML.escape(receipt.signerRole.rawValue))</span>, "
                + "<span id=\"relation\">\(HTML.escape(receipt.link.relation.rawValue))</span>), способ "
                + "<span id=\"method\">\(HTML.escape(receipt.method.rawValue))</span>, запись журнала "
                + "<span id=\"ledger-index\">\(receipt.ledgerIndex)</span> в дереве размера "
                + "<span id=\"tree-size\">\(treeSize)</span>.</p>\n"
            if withdrawn { text += "<p id=\"withdrawn\">Родитель отозвал подпись (отзыв записан в журнал).</p>\n" }
            return text
        case .failed(let id, let reason):
            return "<p id=\"verification-failed\" class=\"refused\">Подпись не проверена (<code>\(HTML.escape(id))</code>): "
                + "<code id=\"reason\">\(HTML.escape(reason))</code></p>\n"
        }
    }

    /// `digest` in groups of four characters, so a person can compare it with SchoolID's page.
    static func grouped(_ digest: String) -> String {
        var groups: [Substring] = []
        var rest = Substring(digest)
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }
}
