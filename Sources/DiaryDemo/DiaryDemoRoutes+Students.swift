import SchoolIDBase
import SchoolIDHTTP
import SchoolIDVerifier

extension DiaryDemoRoutes {
    /// RFC 8693 §3 token type of an access token.
    static let accessTokenType = "urn:ietf:params:oauth:token-type:access_token"
    /// RFC 8693 §2.1 grant type.
    static let tokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange"

    /// `GET /students/{id}`: exchanges the person's access token for one acting for that
    /// student (RFC 8693 §2.1, SchoolID's `student` parameter), verifies it and shows its
    /// `sub`, `act` and services — only those. A refusal reads "no access".
    func student(_ request: Request) async throws -> Response {
        guard let (key, stored) = signedIn(request) else { return redirect("/") }
        guard let studentID = request.pathParameters["id"],
              stored.verified.students?.contains(where: { $0.id == studentID }) == true
        else { return noAccess("This student is not in your SchoolID token.") }
        guard let session = try await current(stored, key: key) else { return redirect("/") }
        let delegated: VerifiedAccessToken
        do {
            let tokens = try await client.token([
                ("grant_type", Self.tokenExchangeGrant), ("subject_token", session.accessToken),
                ("subject_token_type", Self.accessTokenType), ("student", studentID),
            ])
            delegated = try await verifier.verifyAccessToken(tokens.accessToken)
        } catch let refusal as TokenEndpointRefusal {
            return noAccess("SchoolID refused: \(refusal.error).")
        } catch is VerificationError {
            return noAccess("SchoolID's delegated token did not verify.")
        }
        guard delegated.subject == studentID, delegated.clientID == configuration.clientID, let actor = delegated.actor,
              actor.subject == session.verified.subject
        else {
            return noAccess("SchoolID's delegated token is for someone else.")
        }
        let services = delegated.students?.first { $0.id == studentID }?.services ?? []
        var body = "<p>Student <code id=\"student\">\(HTML.escape(delegated.subject))</code></p>\n"
        body += "<p>Acting as <code id=\"actor\">\(HTML.escape(actor.subject))</code> "
            + "(<span id=\"relation\">\(HTML.escape(actor.relation.rawValue))</span>, grant "
            + "<code>\(HTML.escape(actor.grant))</code>)</p>\n<h2>Services</h2>\n<ul>\n"
        for service in services { body += "<li class=\"service\">\(HTML.escape(service))</li>\n" }
        body += "</ul>\n<p><a id=\"notes\" href=\"\(HTML.escape("/students/" + PercentEncoding.encodeUnreserved(studentID) + "/notes"))\">"
            + "Teacher's notes</a></p>\n<p><a href=\"/\">Back</a></p>"
        return HTML.page("Student", body: body)
    }

    /// A `403` page: the demo may not show this student.
    func noAccess(_ reason: String) -> Response {
        HTML.page("No access", body: "<p class=\"refused\">\(HTML.escape(reason))</p>\n<p><a href=\"/\">Back</a></p>",
                  status: .forbidden)
    }

    /// `session` with an access token still valid now: refreshed first when it has expired.
    /// `nil` when the refresh was refused (the session is then forgotten).
    func current(_ session: DemoSession, key: String) async throws -> DemoSession? {
        guard session.verified.expiresAt <= configuration.clock.now() else { return session }
        do {
            return try await refreshed(session, key: key)
        } catch is TokenEndpointRefusal {
            store.remove(key: key)
            return nil
        }
    }
}
