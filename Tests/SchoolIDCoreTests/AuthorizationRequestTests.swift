import SchoolIDBase
import SchoolIDCore
import Testing

/// ``AuthorizationRequest`` validation as a pure function: which failures are pages,
/// which are redirects, and what a valid request keeps (RFC 6749 §4.1.1, RFC 7636 §4.3).
@Suite struct AuthorizationRequestTests {
    static let redirectURI = "https://diary.example/cb"
    /// RFC 7636 Appendix B's S256 challenge.
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    static func client(grants: [OAuthClient.Grant] = [.authorizationCode, .refreshToken],
                       status: OAuthClient.Status = .active) throws -> OAuthClient
    {
        OAuthClient(id: try OAuthClient.ID(parsing: "diary-one"), name: "Diary", type: .public,
                    redirectURIs: [redirectURI], postLogoutRedirectURIs: [], grants: grants,
                    scopes: [.openid, .diary, .offlineAccess], audience: "diary-one", schoolIDs: [], firstParty: false,
                    accessTokenAlgorithm: .ES256, idTokenAlgorithm: .RS256, status: status, secret: nil,
                    createdAt: UnixTime(seconds: 1_800_000_000))
    }

    static func parameters(_ changes: [String: String?] = [:]) -> [String: String] {
        var parameters = ["response_type": "code", "client_id": "diary-one", "redirect_uri": redirectURI,
                          "scope": "openid diary openid", "state": "s", "nonce": "n", "code_challenge": challenge,
                          "code_challenge_method": "S256"]
        for (name, value) in changes { parameters[name] = value }
        return parameters
    }

    @Test("a valid request keeps the exact redirect URI, deduplicated scopes, state, nonce and challenge")
    func valid() throws {
        let request = try AuthorizationRequest.validated(Self.parameters(), client: try Self.client())
        #expect(request.redirectURI == Self.redirectURI && request.scope == "openid diary")
        #expect(request.state == "s" && request.nonce == "n" && request.codeChallenge == Self.challenge)
        #expect(request.prompt.isEmpty)
    }

    @Test("RFC 6749 §3.1: a parameter given twice is refused before anything else")
    func duplicates() {
        #expect(throws: AuthorizationFailure.page(.duplicatedParameter("scope"))) {
            try AuthorizationRequest.parameters([(name: "scope", value: "openid"), (name: "client_id", value: "a"),
                                                 (name: "scope", value: "openid")])
        }
    }

    @Test("an unknown or disabled client and a bad redirect URI are pages, never redirects")
    func pages() throws {
        #expect(throws: AuthorizationFailure.page(.unknownClient)) {
            try AuthorizationRequest.validated(Self.parameters(), client: nil)
        }
        #expect(throws: AuthorizationFailure.page(.unknownClient)) {
            try AuthorizationRequest.validated(Self.parameters(), client: try Self.client(status: .disabled))
        }
        #expect(throws: AuthorizationFailure.page(.unregisteredRedirectURI)) {
            try AuthorizationRequest.validated(Self.parameters(["redirect_uri": "https://diary.example/CB"]),
                                               client: try Self.client())
        }
    }

    @Test("a client without the authorization_code grant is unauthorized_client, redirected")
    func unauthorizedClient() throws {
        #expect(throws: AuthorizationFailure.redirect(
            OAuthRedirectError(.unauthorizedClient, description: "the client may not use the authorization code grant"),
            to: Self.redirectURI, state: "s"))
        {
            try AuthorizationRequest.validated(Self.parameters(), client: try Self.client(grants: [.refreshToken]))
        }
    }

    @Test("state and nonce longer than 512 bytes are invalid_request")
    func longValues() throws {
        #expect(throws: AuthorizationFailure.redirect(
            OAuthRedirectError(.invalidRequest, description: "state or nonce is too long"), to: Self.redirectURI,
            state: "s"))
        {
            try AuthorizationRequest.validated(Self.parameters(["nonce": String(repeating: "n", count: 513)]),
                                               client: try Self.client())
        }
    }
}
