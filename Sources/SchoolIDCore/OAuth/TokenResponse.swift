/// A successful token endpoint answer (RFC 6749 §5.1; OIDC Core §3.1.3.3).
public struct TokenResponse: Encodable, Hashable, Sendable {
    /// The RFC 9068 access token.
    public let accessToken: String
    /// Always `Bearer` (RFC 6750).
    public let tokenType: String
    /// Seconds until the access token expires.
    public let expiresIn: Int64
    /// The granted scopes, space-separated.
    public let scope: String
    /// The ID token, when `openid` was granted on an authorization code.
    public let idToken: String?
    /// A new refresh token: at a code redemption with `offline_access` for a client
    /// allowed `refresh_token`, and at every refresh (rotation).
    public let refreshToken: String?
    /// `issued_token_type` (RFC 8693 §2.2.1): set on a token-exchange answer only.
    public let issuedTokenType: String?

    public init(accessToken: String, expiresIn: Int64, scope: String, idToken: String? = nil,
                refreshToken: String? = nil, issuedTokenType: String? = nil)
    {
        self.accessToken = accessToken
        tokenType = "Bearer"
        self.expiresIn = expiresIn
        self.scope = scope
        self.idToken = idToken
        self.refreshToken = refreshToken
        self.issuedTokenType = issuedTokenType
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", scope
        case idToken = "id_token", refreshToken = "refresh_token", issuedTokenType = "issued_token_type"
    }
}
