import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `POST /v1/acknowledgements` (a diary service asks a student's guardians to
/// acknowledge a document), `GET /v1/acknowledgements?student=acc_…` and
/// `GET /v1/acknowledgements/{acknowledgement_id}` (issue 10); for a signed request the
/// detail carries the receipt (while its body is kept) and its inclusion proof against a
/// signed checkpoint (one is signed on demand when the newest does not cover it).
///
/// A diary service authenticates with `Authorization: Bearer <access token>` of a
/// `client_credentials` grant (RFC 6749 §4.4, RFC 6750 §2.1) carrying `ack:request`;
/// a guardian with a logged-in session (Bearer session token, or cookie + CSRF). A
/// Bearer value shaped like a JWS compact serialization (three dot-separated parts) is
/// read as an access token, anything else as a session token. Requests run through
/// ``AcknowledgementService``; errors use the one SchoolID error shape.
struct AcknowledgementRoutes: Sendable {
    let context: APIContext
    let keyring: Keyring
    let issuer: ResolvedIssuer

    func register(in router: inout Router) {
        router.add(.POST, Routes.acknowledgements) { try await request($0) }
        router.add(.GET, Routes.acknowledgements) { try await list($0) }
        router.add(.GET, Routes.acknowledgement) { try await show($0) }
    }

    private var service: AcknowledgementService { AcknowledgementService(environment: context.environment) }

    /// Who is asking: a diary service by its access token, or a person by their session.
    private enum Caller {
        case client(OAuthClient.ID)
        case person(Actor)
    }

    private func caller(_ request: Request) async throws -> Caller {
        if let bearer = RequestAuthenticator.bearerToken(request),
           bearer.split(separator: ".", omittingEmptySubsequences: false).count == 3
        {
            let status = TokenStatusService(environment: context.environment, issuer: issuer.current,
                                            keys: keyring.snapshot)
            guard let token = try await status.activeAccessToken(bearer) else {
                throw APIError(.unauthorized, headers: RequestAuthenticator.challenge,
                               detail: "the access token is invalid or no longer active")
            }
            return .client(try AcknowledgementService.requester(of: token))
        }
        return .person(try await context.authenticator.apiActor(request))
    }

    private struct RequestBody: Decodable {
        let student: String
        let document: String
        let title: String
        let digest: String
        let deadline: Int64?
    }

    /// 201 with a new request, 200 with the stored one for the same document and digest.
    private func request(_ request: Request) async throws -> Response {
        guard case .client(let clientID) = try await caller(request) else {
            throw APIError(.permissionDenied, detail: "only a diary service requests acknowledgements")
        }
        let body = try JSONBody.decode(RequestBody.self, from: request)
        let student = try Account.ID(parsing: body.student)
        let requested = try await service.request(
            by: clientID, student: student, document: body.document, title: body.title, digest: body.digest,
            deadline: body.deadline.map { UnixTime(seconds: $0) }, context: APIContext.requestContext(request))
        return .json(AcknowledgementBody(requested.view), status: requested.created ? .created : .ok,
                     headers: Self.noStore)
    }

    private struct ListBody: Encodable {
        let acknowledgements: [AcknowledgementBody]
    }

    private func list(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        guard let text = try request.queryItems()["student"] else {
            throw APIError(.badRequest, field: "student", detail: "student: the student's account id")
        }
        let student = try Account.ID(parsing: text)
        let views = switch caller {
        case .client(let clientID): try await service.acknowledgements(ofStudent: student, client: clientID)
        case .person(let actor): try await service.acknowledgements(ofStudent: student, guardian: actor)
        }
        return .json(ListBody(acknowledgements: views.map { AcknowledgementBody($0) }), headers: Self.noStore)
    }

    private func show(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let id = try request.identifier("acknowledgement_id", as: Acknowledgement.Kind.self)
        let view = switch caller {
        case .client(let clientID): try await service.acknowledgement(id, client: clientID)
        case .person(let actor): try await service.acknowledgement(id, guardian: actor)
        }
        var body = AcknowledgementBody(view)
        if let index = view.acknowledgement.ledgerIndex {
            let ledger = Ledger(environment: context.environment, issuer: issuer.current, keys: { keyring.snapshot })
            body.receipt = try await ledger.body(ofIndex: index)
            body.proof = AcknowledgementBody.Proof(try await ledger.proof(forIndex: index))
            if let withdrawal = view.acknowledgement.withdrawalIndex {
                body.withdrawal = try await ledger.body(ofIndex: withdrawal)
            }
        }
        return .json(body, headers: Self.noStore)
    }

    static let noStore: HTTPHeaders = {
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "no-store")
        return headers
    }()
}
