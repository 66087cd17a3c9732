import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDTesting
import SchoolIDVerifier
import Testing

/// The token endpoint's world: a ``TokenWorld`` (server, school, people) with clients
/// registered through ``ClientService`` and authorization codes stored straight
/// through `tx.authorizationCodes` (the authorize endpoint is another area's).
struct TokenEndpointWorld: Sendable {
    static let redirectURI = "https://diary.example/callback"
    /// A valid RFC 7636 verifier (43 characters).
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

    let base: TokenWorld
    var server: TestServer { base.server }
    var environment: ServiceEnvironment { base.environment }

    static func run(_ body: (TokenEndpointWorld) async throws -> Void) async throws {
        try await TokenWorld.run { base in try await body(TokenEndpointWorld(base: base)) }
    }

    /// Registers a client as the operator; returns its secret (nil for public clients).
    @discardableResult
    func client(_ id: String, type: String = "confidential",
                grants: [String] = ["authorization_code", "refresh_token", "client_credentials"],
                scopes: [String] = ["openid", "offline_access", "diary", "attendance"]) async throws -> String?
    {
        let grants = type == "public" ? grants.filter { $0 != "client_credentials" } : grants
        let registration = ClientRegistration(id: id, name: "Дневник \(id)", type: type, redirectURIs: [Self.redirectURI],
                                              grants: grants, scopes: scopes, audience: id + "-api")
        let issued = try await ClientService(environment: environment)
            .register(by: .commandLine, registration, context: .commandLine(requestID: "test"))
        return issued.secret?.unredacted
    }

    /// Stores a fresh code for `account`'s `session` at `clientID`; returns the code.
    func code(for account: Account, session: Session, clientID: String, scope: String = "openid offline_access diary",
              nonce: String? = "n-0S6", lifetime: Int64 = 60) async throws -> String
    {
        let environment = environment, now = base.now
        let code = environment.random.token(bytes: 32)
        let stored = AuthorizationCode(
            codeHash: SHA256.hash(Array(code.utf8)), clientID: clientID, accountID: account.id,
            sessionTokenHash: session.tokenHash, redirectURI: Self.redirectURI,
            codeChallenge: try PKCE.codeChallenge(for: Self.verifier), scope: scope, nonce: nonce, createdAt: now,
            expiresAt: now.adding(seconds: lifetime), familyID: environment.random.token(bytes: 16))
        try await environment.storage.write { tx in try tx.authorizationCodes.insert(stored) }
        return code
    }

    /// `POST /oauth/token` with a form body; `basic` sends form-encoded HTTP Basic.
    func token(_ form: [(String, String)], basic: (id: String, secret: String)? = nil,
               contentType: String = "application/x-www-form-urlencoded") async throws -> APIResponse
    {
        try await post("/oauth/token", form, basic: basic, contentType: contentType)
    }

    /// `POST path` with a form body; `basic` sends form-encoded HTTP Basic.
    func post(_ path: String, _ form: [(String, String)], basic: (id: String, secret: String)?,
              contentType: String = "application/x-www-form-urlencoded") async throws -> APIResponse
    {
        var headers: [(String, String)] = []
        if let basic {
            let pair = Self.formEncode(basic.id) + ":" + Self.formEncode(basic.secret)
            headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        }
        let body = form.map { Self.formEncode($0.0) + "=" + Self.formEncode($0.1) }.joined(separator: "&")
        return try await APIClient(server).send("POST", path, body: Array(body.utf8), contentType: contentType,
                                                extraHeaders: headers)
    }

    /// The code grant's form for `code`.
    static func codeForm(_ code: String, verifier: String = verifier, redirectURI: String = redirectURI) -> [(String, String)] {
        [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier)]
    }

    /// The refresh grant's form.
    static func refreshForm(_ token: String, scope: String? = nil) -> [(String, String)] {
        [("grant_type", "refresh_token"), ("refresh_token", token)] + (scope.map { [("scope", $0)] } ?? [])
    }

    /// Encodes every byte outside the unreserved set (stricter than needed, so the
    /// server's form decoding of Basic credentials is exercised on `-` and `_` too).
    static func formEncode(_ text: String) -> String { PercentEncoding.encodeUnreserved(text) }

    /// A verifier of this server's access tokens for `clientID`'s audience.
    func verifier(clientID: String) -> Verifier {
        let issuer = server.application.issuer
        var configuration = VerifierConfiguration(issuer: issuer, audience: clientID + "-api",
                                                  jwksURI: URL(string: issuer + "/.well-known/jwks.json"),
                                                  leeway: 0, clock: server.clock)
        configuration.clientID = clientID
        return Verifier(configuration: configuration)
    }

    /// The audit actions recorded so far, newest first.
    func auditActions() async throws -> [String] {
        try await environment.storage.read { tx in try tx.audit.events(AuditQuery(limit: 500)).map(\.action.rawValue) }
    }

    /// Every stored member of `familyID` is revoked.
    func familyRevoked(of refreshToken: String) async throws -> Bool {
        let hash = SHA256.hash(Array(refreshToken.utf8))
        return try await environment.storage.read { tx in
            guard let token = try tx.refreshTokens.token(hash: hash) else { return false }
            return try tx.refreshTokens.family(token.familyID).allSatisfy { $0.revokedAt != nil }
        }
    }
}
