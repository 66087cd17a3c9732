import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The admin JSON API of OAuth clients (diary services): platform admins with
/// `platform.clients.manage`; every change needs a fresh step-up and is audited.
/// A secret appears only in the answer that created it (`POST /v1/clients` and
/// `rotate-secret`), never again.
struct ClientRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.GET, Routes.clients) { try await list($0) }
        router.add(.POST, Routes.clients) { try await create($0) }
        router.add(.GET, Routes.client) { try await show($0) }
        router.add(.POST, Routes.clientRotateSecret) { try await rotateSecret($0) }
        router.add(.POST, Routes.clientDisable) { try await disable($0) }
    }

    /// `POST /v1/clients`'s body, in RFC 7591 §2 metadata names where one exists.
    private struct RegistrationBody: Decodable {
        let clientID: String
        let clientName: String
        let type: String?
        let redirectURIs: [String]?
        let postLogoutRedirectURIs: [String]?
        let grantTypes: [String]?
        let scopes: [String]?
        let audience: String?
        let schoolIDs: [String]?
        let firstParty: Bool?
        let accessTokenAlgorithm: String?
        let idTokenAlgorithm: String?
        enum CodingKeys: String, CodingKey {
            case clientID = "client_id", clientName = "client_name", type, redirectURIs = "redirect_uris"
            case postLogoutRedirectURIs = "post_logout_redirect_uris", grantTypes = "grant_types", scopes, audience
            case schoolIDs = "school_ids", firstParty = "first_party"
            case accessTokenAlgorithm = "access_token_signed_response_alg"
            case idTokenAlgorithm = "id_token_signed_response_alg"
        }

        func registration() throws -> ClientRegistration {
            ClientRegistration(
                id: clientID, name: clientName, type: type, redirectURIs: redirectURIs ?? [],
                postLogoutRedirectURIs: postLogoutRedirectURIs ?? [], grants: grantTypes ?? [], scopes: scopes ?? [],
                audience: audience, schoolIDs: try (schoolIDs ?? []).map { try School.ID(parsing: $0) },
                firstParty: firstParty ?? false, accessTokenAlgorithm: accessTokenAlgorithm,
                idTokenAlgorithm: idTokenAlgorithm)
        }
    }

    /// A client as the API shows it: never a secret digest.
    struct ClientBody: Encodable {
        let clientID: String
        let clientName: String
        let type: String
        let redirectURIs: [String]
        let postLogoutRedirectURIs: [String]
        let grantTypes: [String]
        let scopes: [String]
        let audience: String
        let schoolIDs: [String]
        let firstParty: Bool
        let accessTokenAlgorithm: String
        let idTokenAlgorithm: String
        let subjectType: String
        let status: String
        let createdAt: Int64
        let disabledAt: Int64?
        let previousSecretExpiresAt: Int64?
        /// Only in the answer that generated it.
        let clientSecret: String?
        enum CodingKeys: String, CodingKey {
            case clientID = "client_id", clientName = "client_name", type, redirectURIs = "redirect_uris"
            case postLogoutRedirectURIs = "post_logout_redirect_uris", grantTypes = "grant_types", scopes, audience
            case schoolIDs = "school_ids", firstParty = "first_party"
            case accessTokenAlgorithm = "access_token_signed_response_alg"
            case idTokenAlgorithm = "id_token_signed_response_alg", subjectType = "subject_type", status
            case createdAt = "created_at", disabledAt = "disabled_at"
            case previousSecretExpiresAt = "previous_secret_expires_at", clientSecret = "client_secret"
        }

        init(_ client: OAuthClient, secret: Secret<String>? = nil) {
            clientID = client.id.rawValue
            clientName = client.name
            type = client.type.rawValue
            redirectURIs = client.redirectURIs
            postLogoutRedirectURIs = client.postLogoutRedirectURIs
            grantTypes = client.grants.map(\.rawValue)
            scopes = client.scopes.map(\.rawValue)
            audience = client.audience
            schoolIDs = client.schoolIDs.map(\.rawValue)
            firstParty = client.firstParty
            accessTokenAlgorithm = client.accessTokenAlgorithm.rawValue
            idTokenAlgorithm = client.idTokenAlgorithm.rawValue
            subjectType = client.subjectType.rawValue
            status = client.status.rawValue
            createdAt = client.createdAt.seconds
            disabledAt = client.disabledAt?.seconds
            previousSecretExpiresAt = client.secret?.previousExpiresAt?.seconds
            clientSecret = secret?.unredacted
        }
    }

    private func principal(_ request: Request) async throws -> Principal {
        .person(try await context.authenticator.apiActor(request))
    }

    private func clientID(_ request: Request) throws -> OAuthClient.ID {
        guard let id = OAuthClient.ID(rawValue: request.pathParameters["client_id"] ?? "") else {
            throw DomainError(.clientNotFound)
        }
        return id
    }

    private func create(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let registration = try JSONBody.decode(RegistrationBody.self, from: request).registration()
        let issued = try await context.clients.register(by: principal, registration,
                                                        context: APIContext.requestContext(request))
        return .json(ClientBody(issued.client, secret: issued.secret), status: .created)
    }

    private func list(_ request: Request) async throws -> Response {
        let clients = try await context.clients.list(by: try await principal(request))
        return .json(["clients": clients.map { ClientBody($0) }])
    }

    private func show(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        return .json(ClientBody(try await context.clients.client(by: principal, id: try clientID(request))))
    }

    private func rotateSecret(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let issued = try await context.clients.rotateSecret(by: principal, id: try clientID(request),
                                                            context: APIContext.requestContext(request))
        return .json(ClientBody(issued.client, secret: issued.secret))
    }

    private func disable(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let client = try await context.clients.disable(by: principal, id: try clientID(request),
                                                       context: APIContext.requestContext(request))
        return .json(ClientBody(client))
    }

}
