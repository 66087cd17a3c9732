import SchoolIDCore
import SchoolIDHTTP
import SchoolIDJOSE

/// `GET /.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §3–§4): what
/// is built and nothing more, every endpoint under the issuer.
struct DiscoveryRoutes: Sendable {
    let issuer: ResolvedIssuer
    let policies: @Sendable () -> PolicySet

    func register(in router: inout Router) {
        router.add(.GET, Routes.openIDConfiguration) { _ in document() }
    }

    /// The metadata document, cacheable for an hour.
    func document() -> Response {
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "public, max-age=3600")
        return Response.json(Metadata(issuer: issuer.current, policy: policies().tokens), headers: headers)
    }

    /// The provider metadata (Discovery §3; RFC 8414 §2; RFC 9207 §3 for
    /// `authorization_response_iss_parameter_supported`).
    struct Metadata: Encodable {
        let issuer: String
        let authorizationEndpoint: String
        let tokenEndpoint: String
        let jwksURI: String
        let endSessionEndpoint: String
        let introspectionEndpoint: String
        let revocationEndpoint: String
        let userinfoEndpoint: String
        let introspectionEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post"]
        let revocationEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post", "none"]
        let responseTypesSupported = ["code"]
        let responseModesSupported = ["query"]
        let grantTypesSupported = ["authorization_code", "refresh_token", "client_credentials",
                                   "urn:ietf:params:oauth:grant-type:token-exchange"]
        let subjectTypesSupported = ["public"]
        let idTokenSigningAlgValuesSupported: [String]
        let tokenEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post", "none"]
        let codeChallengeMethodsSupported = ["S256"]
        let scopesSupported = ["openid", "offline_access", "diary", "attendance", "nutrition"]
        let claimsSupported = ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "amr", "acr", "sid", "at_hash",
                               "client_id", "scope", "jti", "students", "staff", "act", "fam"]
        let authorizationResponseIssParameterSupported = true
        let requestParameterSupported = false
        let requestURIParameterSupported = false
        let claimsParameterSupported = false

        init(issuer: String, policy: TokenPolicy) {
            self.issuer = issuer
            authorizationEndpoint = issuer + Routes.oauthAuthorize
            tokenEndpoint = issuer + Routes.oauthToken
            jwksURI = issuer + Routes.jwks
            endSessionEndpoint = issuer + Routes.oauthLogout
            introspectionEndpoint = issuer + Routes.oauthIntrospect
            revocationEndpoint = issuer + Routes.oauthRevoke
            userinfoEndpoint = issuer + Routes.oauthUserinfo
            // RS256 first: OIDC Core §15.1 makes it the algorithm every OP must offer.
            let allowed = policy.allowedAlgorithms.map(\.rawValue)
            idTokenSigningAlgValuesSupported = ["RS256"] + allowed.filter { $0 != "RS256" }
        }

        enum CodingKeys: String, CodingKey {
            case issuer
            case authorizationEndpoint = "authorization_endpoint"
            case tokenEndpoint = "token_endpoint"
            case jwksURI = "jwks_uri"
            case endSessionEndpoint = "end_session_endpoint"
            case introspectionEndpoint = "introspection_endpoint"
            case revocationEndpoint = "revocation_endpoint"
            case userinfoEndpoint = "userinfo_endpoint"
            case introspectionEndpointAuthMethodsSupported = "introspection_endpoint_auth_methods_supported"
            case revocationEndpointAuthMethodsSupported = "revocation_endpoint_auth_methods_supported"
            case responseTypesSupported = "response_types_supported"
            case responseModesSupported = "response_modes_supported"
            case grantTypesSupported = "grant_types_supported"
            case subjectTypesSupported = "subject_types_supported"
            case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
            case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
            case codeChallengeMethodsSupported = "code_challenge_methods_supported"
            case scopesSupported = "scopes_supported"
            case claimsSupported = "claims_supported"
            case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
            case requestParameterSupported = "request_parameter_supported"
            case requestURIParameterSupported = "request_uri_parameter_supported"
            case claimsParameterSupported = "claims_parameter_supported"
        }
    }
}
