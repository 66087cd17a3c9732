import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `POST /v1/acknowledgements` (a diary service asks a student's guardians to
/// acknowledge a document), `GET /v1/acknowledgements?student=acc_…` and
/// `GET /v1/acknowledgements/{acknowledgement_id}` (issue 10).
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
        return .json(ListBody(acknowledgements: views.map(AcknowledgementBody.init)), headers: Self.noStore)
    }

    private func show(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let id = try request.identifier("acknowledgement_id", as: Acknowledgement.Kind.self)
        let view = switch caller {
        case .client(let clientID): try await service.acknowledgement(id, client: clientID)
        case .person(let actor): try await service.acknowledgement(id, guardian: actor)
        }
        return .json(AcknowledgementBody(view), headers: Self.noStore)
    }

    private static let noStore: HTTPHeaders = {
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "no-store")
        return headers
    }()
}

/// One acknowledgement request as the API shows it.
struct AcknowledgementBody: Encodable {
    let id: String
    let clientID: String
    let student: String
    let document: String
    let title: String?
    let digest: String
    let deadline: Int64?
    let state: String
    let createdAt: Int64
    let signedAt: Int64?
    let signedBy: String?

    enum CodingKeys: String, CodingKey {
        case id, clientID = "client_id", student, document, title, digest, deadline, state
        case createdAt = "created_at", signedAt = "signed_at", signedBy = "signed_by"
    }

    init(_ view: AcknowledgementService.View) {
        let acknowledgement = view.acknowledgement
        id = acknowledgement.id.rawValue
        clientID = acknowledgement.clientID.rawValue
        student = acknowledgement.studentID.rawValue
        document = acknowledgement.documentID
        title = view.title
        digest = acknowledgement.digest
        deadline = acknowledgement.deadline?.seconds
        state = acknowledgement.state.rawValue
        createdAt = acknowledgement.createdAt.seconds
        signedAt = acknowledgement.signedAt?.seconds
        signedBy = acknowledgement.signedBy?.rawValue
    }

    /// Encodes every member, `null` included, so each response has the same shape.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(student, forKey: .student)
        try container.encode(document, forKey: .document)
        try container.encode(title, forKey: .title)
        try container.encode(digest, forKey: .digest)
        try container.encode(deadline, forKey: .deadline)
        try container.encode(state, forKey: .state)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(signedAt, forKey: .signedAt)
        try container.encode(signedBy, forKey: .signedBy)
    }
}
