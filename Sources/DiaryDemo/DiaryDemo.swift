public import SchoolIDBase
public import SchoolIDHTTP
import SchoolIDNet
import SchoolIDVerifier

/// A minimal diary service that signs people in through SchoolID, as a third party
/// would write it: the authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636),
/// `state`, `nonce` and RFC 9207 `iss` checks, tokens verified offline with
/// `SchoolIDVerifier`, one token exchange per child (RFC 8693), refresh and
/// RP-initiated logout. Server-rendered HTML, no script, every value escaped.
///
/// Routes: `GET /`, `GET /login`, `GET /callback`, `GET /students/:id`,
/// `GET /students/:id/notes` and `POST /students/:id/notes/request` (a teacher's note the
/// guardians are asked to acknowledge through SchoolID; the receipt verified offline),
/// `POST /refresh`, `POST /logout`. Tokens stay server-side, keyed by a random session cookie.
public final class DiaryDemo: Sendable {
    /// The configuration it was created with.
    public let configuration: DiaryDemoConfiguration
    private let routes: DiaryDemoRoutes
    private let router: Router
    private let logger: Logger

    /// The cookie naming a signed-in session.
    public static let sessionCookie = DiaryDemoRoutes.sessionCookie

    /// Creates the demo; nothing is fetched from SchoolID until the first request needs it.
    public init(configuration: DiaryDemoConfiguration, logger: Logger = Logger(label: "diary-demo")) {
        self.configuration = configuration
        self.logger = logger
        let routes = DiaryDemoRoutes(configuration: configuration)
        self.routes = routes
        router = routes.router()
    }

    /// Answers one request (what the HTTP server calls).
    public func handle(_ request: Request) async -> Response {
        switch router.match(method: request.method, path: request.path) {
        case .notFound:
            return HTML.page("Not found", body: "<p><a href=\"/\">Home</a></p>", status: .notFound)
        case .methodNotAllowed(let allowed):
            var response = HTML.page("Method not allowed", body: "", status: .methodNotAllowed)
            response.headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
            return response
        case .found(let handler, let parameters, let template):
            var request = request
            request.pathParameters = parameters
            request.routeTemplate = template
            do {
                return try await handler(request)
            } catch let error as ProviderUnavailable {
                logger.warning("SchoolID unavailable", ["reason": .string(error.reason)])
                return HTML.page("SchoolID is unavailable", body: "<p>Try again later.</p>",
                                 status: .serviceUnavailable)
            } catch {
                logger.error("request failed", ["error": .string(String(describing: error))])
                return HTML.page("Something went wrong", body: "", status: .internalServerError)
            }
        }
    }

    /// Listens on the configured address until the calling task is cancelled.
    /// - Parameter onListening: called with the bound port.
    /// - Throws: what binding throws.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let server = HTTPServer(configuration: ServerConfiguration(host: configuration.host, port: configuration.port),
                                logger: logger.child("net")) { [self] in await handle($0) }
        try await server.run(onListening: onListening)
    }

    /// The teacher's note about `student` the demo shows and asks guardians to sign.
    public func note(student: String) -> TeacherNote {
        routes.teacherNotes.note(for: student)
    }

    /// Edits the note about `student` (a teacher's correction): a receipt for the old
    /// bytes then no longer matches, and the notes page says so.
    public func replaceNote(student: String, with bytes: [UInt8]) {
        routes.teacherNotes.replace(student: student, with: bytes)
    }

    /// The signed-in session a browser's session cookie names, as the demo stores it.
    /// Inspection hook (tests read the refresh token through it); never shown on a page.
    public func session(cookie: String) -> DemoSession? {
        routes.store.session(key: cookie, now: configuration.clock.now())
    }
}
