import SchoolIDBase

/// How a client identified itself at the token endpoint (RFC 6749 §2.3.1, §3.2.1).
public struct ClientCredentials: Sendable {
    /// The client authentication method used (OIDC Core §9 names).
    public enum Method: String, Hashable, Sendable {
        /// HTTP Basic with form-urlencoded id and secret.
        case clientSecretBasic = "client_secret_basic"
        /// `client_id` and `client_secret` in the form body.
        case clientSecretPost = "client_secret_post"
        /// A public client: `client_id` only.
        case none
    }

    public let method: Method
    /// The `client_id` presented (any text; parsed when looked up).
    public let clientID: String
    /// The `client_secret`; `nil` only for ``Method/none``.
    public let secret: Secret<String>?

    public init(method: Method, clientID: String, secret: Secret<String>?) {
        self.method = method
        self.clientID = clientID
        self.secret = secret
    }
}
