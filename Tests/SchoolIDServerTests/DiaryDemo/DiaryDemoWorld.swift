import DiaryDemo
import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// SchoolID (``AuthorizeFixture``: a guardian who logs in through the pages) and
/// `diary-demo` in-process on loopback, each with its own cookie-keeping ``Browser``.
///
/// The demo's public origin is `https://diary.example` (what its client registration
/// and cookies name, as behind a TLS proxy); the test reaches it on its loopback port.
/// ``signIn()`` follows the redirects between the two by hand, like a browser would.
struct DiaryDemoWorld {
    static let clientID = "diary-demo"
    static let origin = "https://diary.example"

    let fixture: AuthorizeFixture
    let demo: DiaryDemo
    let secret: String
    /// The guardian's linked children, in creation order.
    let children: [Account.ID]
    /// The browser's view of SchoolID.
    let provider: Browser
    /// The browser's view of the demo.
    let diary: Browser
    private let task: Task<Void, any Error>

    var server: TestServer { fixture.server }

    /// Starts both servers, registers `diary-demo` as the operator would (README
    /// "diary-demo") and links `children` students to the guardian.
    static func start(children count: Int = 2) async throws -> DiaryDemoWorld {
        let fixture = try await AuthorizeFixture.start()
        let server = fixture.server
        let environment = server.application.environment
        let issued = try await ClientService(environment: environment).register(
            by: .commandLine,
            ClientRegistration(id: clientID, name: "Diary demo", redirectURIs: [origin + "/callback"],
                               postLogoutRedirectURIs: [origin + "/"],
                               grants: ["authorization_code", "refresh_token",
                                        "urn:ietf:params:oauth:grant-type:token-exchange"],
                               scopes: ["openid", "offline_access", "diary", "attendance", "nutrition"]),
            context: .commandLine(requestID: "demo"))
        let secret = try #require(issued.secret?.unredacted)
        var children: [Account.ID] = []
        for _ in 0..<count {
            children.append(try await CodeFlowEndToEndTests.linkedChild(of: fixture.guardianID, in: environment,
                                                                        now: server.clock.now()))
        }
        var configuration = DiaryDemoConfiguration(issuer: server.application.issuer, clientID: clientID,
                                                   clientSecret: Secret(secret), redirectBase: origin, port: 0)
        configuration.clock = server.clock
        configuration.random = SeededRandomSource(seed: 9)
        let (demo, port, task) = try await launch(configuration)
        return DiaryDemoWorld(fixture: fixture, demo: demo, secret: secret, children: children,
                              provider: Browser(port: server.port), diary: Browser(port: port), task: task)
    }

    /// Runs a demo with `configuration` in a task (cancel it to stop) and returns once it
    /// listens, with its port.
    static func launch(_ configuration: DiaryDemoConfiguration) async throws
        -> (demo: DiaryDemo, port: Int, task: Task<Void, any Error>)
    {
        let demo = DiaryDemo(configuration: configuration, logger: Logger(label: "diary-demo", sink: MemoryLogSink()))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await demo.run { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw CancellationError()
        }
        return (demo, port, task)
    }

    /// Signs the guardian in from the demo's `/login` through SchoolID's login and
    /// consent pages; returns the demo's answer to the callback.
    func signIn() async throws -> TestResponse {
        try await Self.signIn(diary: diary, provider: provider, issuer: server.application.issuer) { browser, path in
            _ = try await fixture.login(browser, from: path)
        }
    }

    /// The code flow from the demo's `/login` through SchoolID's login (`login` fills in
    /// the login form at the given path) and consent pages; the demo's answer to the callback.
    static func signIn(diary: Browser, provider: Browser, issuer: String,
                       login: (Browser, String) async throws -> Void) async throws -> TestResponse
    {
        let started = try await diary.get("/login")
        try #require(started.status == 303)
        let authorize = try #require(started.header("Location"))
        try #require(authorize.hasPrefix(issuer + "/"), "\(authorize)")
        let path = String(authorize.dropFirst(issuer.count))
        try await login(provider, try #require(try await provider.get(path).header("Location")))
        _ = try await provider.get("/")
        let consent = try await provider.get(path)
        let items = try #require(URLComponents(string: authorize)?.queryItems).map { ($0.name, $0.value ?? "") }
        let allowed = try await provider.post(Routes.oauthAuthorizeDecision, form: [
            ("csrf_token", try #require(Browser.csrfToken(in: consent))), ("decision", "allow"),
        ] + items)
        let callback = try #require(allowed.header("Location"))
        try #require(callback.hasPrefix(Self.origin + "/callback?"), "\(allowed.status) \(callback)")
        return try await diary.get(String(callback.dropFirst(Self.origin.count)))
    }

    /// `GET /login` at the demo; returns the authorization URL it redirects to.
    func startLogin() async throws -> String {
        let started = try await diary.get("/login")
        try #require(started.status == 303)
        return try #require(started.header("Location"))
    }

    /// The path and query of a URL at SchoolID.
    func providerPath(_ url: String) throws -> String {
        let issuer = server.application.issuer
        try #require(url.hasPrefix(issuer + "/"), "\(url)")
        return String(url.dropFirst(issuer.count))
    }

    /// The demo session the diary browser holds.
    func session() throws -> DemoSession {
        let cookie = try #require(diary.cookies[DiaryDemo.sessionCookie]?.value)
        return try #require(demo.session(cookie: cookie))
    }

    /// The first `name="csrf_token"` value on a demo page.
    func csrf(_ page: TestResponse) throws -> String { try #require(Browser.csrfToken(in: page)) }

    /// `POST /oauth/token` as the demo's client (`client_secret_basic`).
    func token(_ form: [(String, String)]) async throws -> APIResponse {
        let pair = TokenEndpointWorld.formEncode(Self.clientID) + ":" + TokenEndpointWorld.formEncode(secret)
        let body = form.map { TokenEndpointWorld.formEncode($0.0) + "=" + TokenEndpointWorld.formEncode($0.1) }
            .joined(separator: "&")
        return try await APIClient(server).send("POST", Routes.oauthToken, body: Array(body.utf8),
                                                contentType: "application/x-www-form-urlencoded",
                                                extraHeaders: [("Authorization",
                                                                "Basic " + Data(pair.utf8).base64EncodedString())])
    }

    /// The `href="/students/…"` links of a demo page, decoded.
    static func studentLinks(_ page: TestResponse) -> [String] {
        page.bodyText.components(separatedBy: "href=\"/students/").dropFirst()
            .compactMap { $0.split(separator: "\"").first.flatMap { String($0).removingPercentEncoding } }
    }

    /// Stops the demo, then SchoolID.
    func stop() async throws {
        task.cancel()
        try await task.value
        try await server.stop()
    }
}
