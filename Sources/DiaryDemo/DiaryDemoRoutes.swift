import Foundation
import SchoolIDBase
import SchoolIDHTTP
import SchoolIDVerifier

/// The demo's handlers and the state they share; ``DiaryDemo`` serves them.
struct DiaryDemoRoutes: Sendable {
    static let sessionCookie = "diary_demo_session"
    static let loginCookie = "diary_demo_login"

    let configuration: DiaryDemoConfiguration
    let client: SchoolIDClient
    let verifier: Verifier
    let store = DemoSessionStore()
    let teacherNotes = TeacherNotes()
    let acknowledgements: AcknowledgementClient
    let verification: NoteVerification

    init(configuration: DiaryDemoConfiguration) {
        self.configuration = configuration
        client = SchoolIDClient(configuration: configuration)
        acknowledgements = AcknowledgementClient(client: client, configuration: configuration)
        let receipts = ReceiptVerifier(configuration: ReceiptVerifierConfiguration(
            issuer: configuration.issuer, audience: configuration.clientID, clock: configuration.clock,
            fetcher: configuration.fetcher))
        let checkpoints: any CheckpointStore = configuration.checkpointStorePath
            .map { FileCheckpointStore(path: URL(fileURLWithPath: $0)) } ?? MemoryCheckpointStore()
        verification = NoteVerification(monitor: LedgerMonitor(verifier: receipts, store: checkpoints))
        var verification = VerifierConfiguration(issuer: configuration.issuer, audience: configuration.audience,
                                                 clock: configuration.clock, fetcher: configuration.fetcher)
        verification.clientID = configuration.clientID
        verifier = Verifier(configuration: verification)
    }

    func router() -> Router {
        var router = Router()
        router.add(.GET, "/") { [self] in try home($0) }
        router.add(.GET, "/login") { [self] in try await login($0) }
        router.add(.GET, "/callback") { [self] in try await callback($0) }
        router.add(.GET, "/students/:id") { [self] in try await student($0) }
        router.add(.GET, "/students/:id/notes") { [self] in try await notes($0) }
        router.add(.POST, "/students/:id/notes/request") { [self] in try await requestSignature($0) }
        router.add(.POST, "/refresh") { [self] in try await refresh($0) }
        router.add(.POST, "/logout") { [self] in try await logout($0) }
        return router
    }

    /// `GET /`: a sign-in link, or the person, their students and the session's buttons.
    func home(_ request: Request) throws -> Response {
        guard let (_, session) = signedIn(request) else {
            return HTML.page("Diary demo", body: "<p><a href=\"/login\">Sign in with SchoolID</a></p>")
        }
        let token = session.verified
        var body = "<p>Signed in as <code id=\"subject\">\(HTML.escape(token.subject))</code></p>\n"
        body += "<p>Access token <code id=\"jti\">\(HTML.escape(token.jwtID))</code> expires at "
            + "<code>\(token.expiresAt.seconds)</code>, scope <code>\(HTML.escape(token.scopes.joined(separator: " ")))</code></p>\n"
        let students = token.students ?? []
        body += students.isEmpty ? "<p>No students.</p>\n" : "<h2>Students</h2>\n<ul>\n"
        for student in students {
            let link = "/students/" + PercentEncoding.encodeUnreserved(student.id)
            body += "<li class=\"student\"><a href=\"\(HTML.escape(link))\">\(HTML.escape(student.id))</a>"
                + " — \(HTML.escape(student.relation.rawValue)) — services: "
                + "\(HTML.escape(student.services.joined(separator: ", ")))</li>\n"
        }
        if !students.isEmpty { body += "</ul>\n" }
        body += HTML.button("Refresh tokens", action: "/refresh", csrf: session.csrfToken)
        body += HTML.button("Sign out", action: "/logout", csrf: session.csrfToken)
        return HTML.page("Diary demo", body: body, formTargets: issuerOrigin.map { [$0] } ?? [])
    }

    // MARK: - Shared helpers

    /// The session the request's cookie names, with that cookie value.
    func signedIn(_ request: Request) -> (key: String, session: DemoSession)? {
        guard let key = request.cookies[Self.sessionCookie],
              let session = store.session(key: key, now: configuration.clock.now())
        else { return nil }
        return (key, session)
    }

    /// Whether a POST form carries the session's CSRF token.
    func hasCSRFToken(_ request: Request, of session: DemoSession) -> Bool {
        guard let fields = try? FormData.parse(request.body) else { return false }
        return fields.first { $0.0 == "csrf_token" }?.1 == session.csrfToken
    }

    /// A `303 See Other` to `location`, setting `cookies`.
    func redirect(_ location: String, cookies: [SetCookie] = []) -> Response {
        var headers = HTTPHeaders()
        headers.set("Location", location)
        headers.set("Cache-Control", "no-store")
        for cookie in cookies { headers.add("Set-Cookie", cookie.headerValue) }
        return Response(status: .seeOther, headers: headers)
    }

    /// A host-only, `HttpOnly`, `SameSite=Lax` cookie (`Secure` behind https).
    func cookie(_ name: String, _ value: String, maxAge: Int64) throws -> SetCookie {
        try SetCookie(name: name, value: value, maxAge: Int(maxAge), secure: configuration.secureCookies)
    }

    /// The cookie that deletes `name`.
    func expiredCookie(_ name: String) throws -> SetCookie {
        try SetCookie(name: name, value: "deleted", maxAge: 0, secure: configuration.secureCookies)
    }

    /// `scheme://host[:port]` of the issuer, for `form-action` (the logout redirect).
    var issuerOrigin: String? {
        guard let url = URL(string: configuration.issuer), let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// Fresh random text for cookies, `state`, `nonce` and PKCE verifiers (256 bits).
    func randomToken() -> String { configuration.random.token(bytes: 32) }
}
