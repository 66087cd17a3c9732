import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// What the introspection, revocation and userinfo tests share on top of
/// ``TokenEndpointWorld``: a guardian of one child signed in at `diary-one` with an
/// access and a refresh token, and the three endpoints.
struct IntrospectionWorld: Sendable {
    let world: TokenEndpointWorld
    let secret: String
    let guardian: Account
    let child: Account
    let link: GuardianLink.ID
    let session: Session
    let access: String
    let refresh: String

    /// A fresh world; `scope` is the code's.
    static func run(scope: String = "openid offline_access diary", _ body: (IntrospectionWorld) async throws -> Void)
        async throws
    {
        try await TokenEndpointWorld.run { world in
            let secret = try #require(try await world.client("diary-one"))
            let guardian = try await world.base.account(.adult), child = try await world.base.account(.student)
            let link = try await world.base.link(guardian, to: child)
            let session = try await world.base.session(of: guardian)
            let code = try await world.code(for: guardian, session: session, clientID: "diary-one", scope: scope)
            let response = try await world.token(TokenEndpointWorld.codeForm(code), basic: ("diary-one", secret))
            try #require(response.status == 200, "\(response.text)")
            try await body(IntrospectionWorld(
                world: world, secret: secret, guardian: guardian, child: child, link: link, session: session,
                access: try #require(response.string("access_token")),
                refresh: response.string("refresh_token") ?? ""))
        }
    }

    var one: (id: String, secret: String) { ("diary-one", secret) }

    /// `POST path` with a form body and optional Basic credentials.
    func post(_ path: String, _ form: [(String, String)], basic: (id: String, secret: String)?) async throws
        -> APIResponse
    {
        try await world.post(path, form, basic: basic)
    }

    /// Introspects `token` as `basic` (default `diary-one`).
    func introspect(_ token: String, hint: String? = nil, as basic: (id: String, secret: String)? = nil) async throws
        -> APIResponse
    {
        try await post("/oauth/introspect", [("token", token)] + (hint.map { [("token_type_hint", $0)] } ?? []),
                       basic: basic ?? one)
    }

    /// Whether introspection by `diary-one` calls `token` active.
    func isActive(_ token: String) async throws -> Bool {
        let response = try await introspect(token)
        try #require(response.status == 200, "\(response.text)")
        return response.json["active"] as? Bool == true
    }

    /// Revokes `token` as `basic` (default `diary-one`).
    func revoke(_ token: String, hint: String? = nil, as basic: (id: String, secret: String)? = nil) async throws
        -> APIResponse
    {
        try await post("/oauth/revoke", [("token", token)] + (hint.map { [("token_type_hint", $0)] } ?? []),
                       basic: basic ?? one)
    }

    /// Registers a confidential client whose audience is `audience`; its secret.
    func resourceServer(_ id: String, audience: String) async throws -> String {
        let registration = ClientRegistration(id: id, name: "API \(id)", type: "confidential",
                                              redirectURIs: [],
                                              grants: ["client_credentials"], scopes: ["diary"], audience: audience)
        let issued = try await ClientService(environment: world.environment)
            .register(by: .commandLine, registration, context: .commandLine(requestID: "test"))
        return try #require(issued.secret?.unredacted)
    }
}
