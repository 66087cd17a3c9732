import SchoolIDBase

/// A validated authorization request of the code flow (RFC 6749 §4.1.1, OIDC Core
/// §3.1.2.1, RFC 7636 §4.3).
///
/// Validation runs in two phases, because where an error may go depends on the first:
/// ``parameters(_:)`` refuses duplicated parameters, then the caller reads the client
/// named by `client_id`, and ``validated(_:client:)`` checks the client and the exact
/// redirect URI (failures are ``AuthorizationFailure/page(_:)``: RFC 6749 §4.1.2.1 forbids
/// redirecting to an unverified URI) before everything else (failures are
/// ``AuthorizationFailure/redirect(_:to:state:)``).
public struct AuthorizationRequest: Hashable, Sendable {
    public var clientID: OAuthClient.ID
    /// The exact registered redirect URI the request named.
    public var redirectURI: String
    /// The requested scopes, deduplicated, in request order.
    public var scopes: [OAuthClient.Scope]
    public var state: String?
    public var nonce: String?
    /// The PKCE S256 `code_challenge` (RFC 7636 §4.2: 43 base64url characters).
    public var codeChallenge: String
    /// The `prompt` values (OIDC Core §3.1.2.1): `none`, `login`, `consent`, `select_account`.
    public var prompt: Set<String>

    /// The granted scopes as the space-separated `scope` string.
    public var scope: String { scopes.map(\.rawValue).joined(separator: " ") }

    /// The parameters a request may carry that SchoolID reads; the hidden fields of the
    /// consent form repeat exactly these.
    public static let parameterNames = ["response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                                        "code_challenge", "code_challenge_method", "prompt", "response_mode"]

    /// The longest `state` or `nonce` accepted (they travel back in URLs and tokens).
    public static let maximumValueLength = 512

    /// The parameters as a dictionary.
    /// - Throws: ``AuthorizationFailure/page(_:)`` `duplicatedParameter` when a name occurs
    ///   twice (RFC 6749 §3.1: "Request and response parameters MUST NOT be included
    ///   more than once").
    public static func parameters(_ pairs: [(name: String, value: String)]) throws(AuthorizationFailure)
        -> [String: String]
    {
        var parameters: [String: String] = [:]
        for (name, value) in pairs {
            guard parameters.updateValue(value, forKey: name) == nil else {
                throw .page(.duplicatedParameter(name))
            }
        }
        return parameters
    }

    /// Validates a request against the client its `client_id` names.
    /// - Parameters:
    ///   - parameters: from ``parameters(_:)``.
    ///   - client: the stored client for `client_id`, or `nil` when there is none.
    /// - Throws: ``AuthorizationFailure``.
    public static func validated(_ parameters: [String: String], client: OAuthClient?) throws(AuthorizationFailure)
        -> AuthorizationRequest
    {
        guard let rawID = parameters["client_id"], !rawID.isEmpty else { throw .page(.missingClientID) }
        guard let client, client.id.rawValue == rawID, client.isActive else { throw .page(.unknownClient) }
        guard let redirectURI = parameters["redirect_uri"], !redirectURI.isEmpty else {
            throw .page(.missingRedirectURI)
        }
        // RFC 6749 §3.1.2.3 and OAuth 2.0 Security BCP (RFC 9700 §4.1.3): exact string match.
        guard client.isRegisteredRedirectURI(redirectURI) else { throw .page(.unregisteredRedirectURI) }
        let state = parameters["state"]
        func fail(_ code: OAuthRedirectError.Code, _ description: String) -> AuthorizationFailure {
            .redirect(OAuthRedirectError(code, description: description), to: redirectURI, state: state)
        }
        if parameters["request"] != nil { throw fail(.requestNotSupported, "request objects are not supported") }
        if parameters["request_uri"] != nil { throw fail(.requestURINotSupported, "request_uri is not supported") }
        guard let responseType = parameters["response_type"] else { throw fail(.invalidRequest, "response_type is missing") }
        guard responseType == "code" else { throw fail(.unsupportedResponseType, "only response_type=code is supported") }
        if let mode = parameters["response_mode"], mode != "query" {
            throw fail(.invalidRequest, "only response_mode=query is supported")
        }
        guard client.allows(.authorizationCode) else {
            throw fail(.unauthorizedClient, "the client may not use the authorization code grant")
        }
        let scopes = try scopes(parameters["scope"], client: client, fail: fail)
        let challenge = try codeChallenge(parameters, fail: fail)
        let prompt = Set((parameters["prompt"] ?? "").split(separator: " ").map(String.init))
        guard prompt.isSubset(of: ["none", "login", "consent", "select_account"]) else {
            throw fail(.invalidRequest, "unknown prompt value")
        }
        guard !prompt.contains("none") || prompt.count == 1 else {
            throw fail(.invalidRequest, "prompt=none cannot be combined with other values")
        }
        let nonce = parameters["nonce"]
        guard (state?.utf8.count ?? 0) <= maximumValueLength, (nonce?.utf8.count ?? 0) <= maximumValueLength else {
            throw fail(.invalidRequest, "state or nonce is too long")
        }
        return AuthorizationRequest(clientID: client.id, redirectURI: redirectURI, scopes: scopes, state: state,
                                    nonce: nonce, codeChallenge: challenge, prompt: prompt)
    }

    /// RFC 6749 §3.3: every scope must be one the client may request; OIDC Core
    /// §3.1.2.1: `openid` is required.
    private static func scopes(_ raw: String?, client: OAuthClient,
                               fail: (OAuthRedirectError.Code, String) -> AuthorizationFailure) throws(AuthorizationFailure)
        -> [OAuthClient.Scope]
    {
        var scopes: [OAuthClient.Scope] = []
        for token in (raw ?? "").split(separator: " ") {
            guard let scope = OAuthClient.Scope(rawValue: String(token)), client.scopes.contains(scope) else {
                throw fail(.invalidScope, "a requested scope is not allowed for this client")
            }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        guard scopes.contains(.openid) else { throw fail(.invalidRequest, "the openid scope is required") }
        return scopes
    }

    /// RFC 7636 §4.3 with S256 required for every client (RFC 9700 §2.1.1): `plain` and a
    /// missing method are refused, and the challenge must be a SHA-256 digest in base64url.
    private static func codeChallenge(_ parameters: [String: String],
                                      fail: (OAuthRedirectError.Code, String) -> AuthorizationFailure)
        throws(AuthorizationFailure) -> String
    {
        guard let challenge = parameters["code_challenge"] else { throw fail(.invalidRequest, "code_challenge is missing") }
        guard parameters["code_challenge_method"] == "S256" else {
            throw fail(.invalidRequest, "code_challenge_method must be S256")
        }
        guard challenge.utf8.count == 43, let digest = Base64URL.decode(challenge), digest.count == 32 else {
            throw fail(.invalidRequest, "code_challenge is not a base64url SHA-256 digest")
        }
        return challenge
    }
}

/// Why an authorization request failed, and where the answer goes.
public enum AuthorizationFailure: Error, Hashable, Sendable {
    /// Shown to the person as an error page, never redirected: the client or its
    /// redirect URI cannot be trusted (RFC 6749 §4.1.2.1).
    case page(PageReason)
    /// Sent back to the client's verified redirect URI (RFC 6749 §4.1.2.1).
    case redirect(OAuthRedirectError, to: String, state: String?)

    /// The reasons for an error page.
    public enum PageReason: Hashable, Sendable {
        case duplicatedParameter(String)
        case missingClientID
        /// Unknown or disabled: told apart nowhere, so the page reveals neither.
        case unknownClient
        case missingRedirectURI
        case unregisteredRedirectURI
    }
}

/// An error returned to the client in the redirect (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6).
public struct OAuthRedirectError: Hashable, Sendable {
    /// The registered `error` values this endpoint uses.
    public enum Code: String, Hashable, Sendable {
        case invalidRequest = "invalid_request"
        case unauthorizedClient = "unauthorized_client"
        case accessDenied = "access_denied"
        case unsupportedResponseType = "unsupported_response_type"
        case invalidScope = "invalid_scope"
        case serverError = "server_error"
        case loginRequired = "login_required"
        case consentRequired = "consent_required"
        case requestNotSupported = "request_not_supported"
        case requestURINotSupported = "request_uri_not_supported"
    }

    public let code: Code
    /// Human-readable ASCII for the client's developer (`error_description`); never a secret.
    public let description: String

    public init(_ code: Code, description: String) {
        self.code = code
        self.description = description
    }
}
