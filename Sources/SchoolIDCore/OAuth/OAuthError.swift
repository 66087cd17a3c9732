/// An OAuth 2.0 protocol error (RFC 6749 §5.2): a code from the registry and a short
/// English description that never carries a secret, a code or a token.
///
/// Grant logic throws it; the token endpoint renders it as the §5.2 JSON body
/// (`{"error", "error_description"}`), with `401` and `WWW-Authenticate` for
/// ``Code/invalidClient`` when the client used HTTP Basic.
public struct OAuthError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An RFC 6749 §5.2 error code; evolvable (static members, not enum cases).
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A parameter is missing, repeated, unsupported or malformed, or more than one
        /// client authentication method was used.
        public static let invalidRequest = Code(rawValue: "invalid_request")
        /// Client authentication failed: unknown, disabled or public-with-secret client,
        /// wrong secret, no authentication, or an unsupported method.
        public static let invalidClient = Code(rawValue: "invalid_client")
        /// The code or refresh token is invalid, expired, revoked, reused, issued to
        /// another client, or bound to another redirect URI or PKCE verifier.
        public static let invalidGrant = Code(rawValue: "invalid_grant")
        /// The authenticated client may not use this grant type.
        public static let unauthorizedClient = Code(rawValue: "unauthorized_client")
        /// The grant type is not supported by this server.
        public static let unsupportedGrantType = Code(rawValue: "unsupported_grant_type")
        /// The requested scope is invalid, unknown, or exceeds what was granted.
        public static let invalidScope = Code(rawValue: "invalid_scope")
    }

    public let code: Code
    /// `error_description`: English, safe to show to the client developer.
    public let reason: String
    /// Seconds to wait, when the request was refused by a rate limit (the endpoint
    /// answers 429 with `Retry-After`, RFC 6585 §4).
    public let retryAfter: Int64?

    public init(_ code: Code, _ reason: String, retryAfter: Int64? = nil) {
        self.code = code
        self.reason = reason
        self.retryAfter = retryAfter
    }

    /// `invalid_client` while failed client authentications are throttled.
    public static func throttled(retryAfter: Int64) -> OAuthError {
        OAuthError(.invalidClient, "too many failed client authentications", retryAfter: retryAfter)
    }

    public var description: String { "\(code.rawValue): \(reason)" }
}
