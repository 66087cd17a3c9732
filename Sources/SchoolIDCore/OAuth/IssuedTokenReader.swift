import SchoolIDBase
import SchoolIDJOSE

/// Reads back a token SchoolID issued — for introspection, the userinfo endpoint, an
/// `id_token_hint` and a token-exchange `subject_token` — with the same checks an
/// outside verifier makes: the signature by a token key the JWKS publishes now, the
/// `typ`, `iss`, and the time claims with no leeway (issuer and reader share one clock).
///
/// The audience is not checked: the caller knows which client the token must belong to
/// and compares `client_id` or `aud` itself.
public struct IssuedTokenReader: Sendable {
    private let issuer: String
    private let keys: KeySet

    /// - Parameters:
    ///   - issuer: the resolved issuer every token names.
    ///   - keys: the keyring snapshot of this request.
    ///   - policy: how long retired token keys stay published.
    ///   - now: the request time, which decides which retired keys are still published.
    public init(issuer: String, keys: KeyringSnapshot, policy: TokenPolicy, at now: UnixTime) {
        self.issuer = issuer
        self.keys = keys.verificationKeys(.token, now: now, retiredRetention: policy.retiredTokenKeyRetentionSeconds)
    }

    /// Verifies an access token (RFC 9068 §4: `typ` `at+jwt`, signature, `iss`, `exp`).
    /// - Throws: the `JOSEError` of the first failed check; `.missingClaim` or
    ///   `.malformed` for a token without the claims SchoolID always writes.
    public func accessToken(_ compact: String, at now: UnixTime) throws(JOSEError) -> IssuedAccessToken {
        let claims = try verified(compact, type: TokenIssuer.accessTokenType)
        try claims.validateTimes(at: now, leeway: 0, requireExpiration: true)
        return try IssuedAccessToken(claims)
    }

    /// Verifies an ID token's signature, `typ` and `iss`. With `acceptExpired`, `exp`
    /// is not checked: OpenID Connect RP-Initiated Logout 1.0 §2 lets a client name the
    /// session to end with an `id_token_hint` that has expired.
    /// - Throws: the `JOSEError` of the first failed check.
    public func idToken(_ compact: String, at now: UnixTime, acceptExpired: Bool) throws(JOSEError) -> JWTClaims {
        let claims = try verified(compact, type: TokenIssuer.idTokenType)
        if !acceptExpired { try claims.validateTimes(at: now, leeway: 0, requireExpiration: true) }
        return claims
    }

    private func verified(_ compact: String, type: String) throws(JOSEError) -> JWTClaims {
        let jws = try JWS.verify(compact, keys: keys)
        guard JWT.typeMatches(jws.header.type, expected: type) else { throw .wrongType }
        let claims = try JWTClaims(jsonBytes: jws.payload)
        guard claims.issuer == issuer else { throw .wrongIssuer }
        return claims
    }
}

/// An access token SchoolID issued, verified by ``IssuedTokenReader``, with the claims
/// the endpoints act on.
public struct IssuedAccessToken: Hashable, Sendable {
    /// Every claim, as signed.
    public let claims: JWTClaims
    /// `sub`: an account id, or the client id of a `client_credentials` token.
    public let subject: String
    /// `client_id`: the client the token was issued to.
    public let clientID: String
    /// `jti`.
    public let jwtID: String
    /// `exp`.
    public let expiresAt: UnixTime
    /// `scope`, split.
    public let scopes: [String]
    /// `sid`: the login session's handle, absent for `client_credentials` tokens.
    public let sessionHandle: String?
    /// `students`, empty when absent.
    public let students: [StudentClaim]
    /// `act`, for a token-exchange result.
    public let actor: ActorClaim?
    /// `fam`: the refresh family / authorization grant the token was issued under, on
    /// tokens from `authorization_code` and `refresh_token` (and exchanges of them).
    public let family: String?

    init(_ claims: JWTClaims) throws(JOSEError) {
        guard let subject = claims.subject, let jwtID = claims.jwtID, let expiresAt = claims.expiresAt,
              let clientID = try claims.claim("client_id", as: String.self)
        else { throw .missingClaim }
        self.claims = claims
        self.subject = subject
        self.clientID = clientID
        self.jwtID = jwtID
        self.expiresAt = expiresAt
        scopes = try claims.claim("scope", as: String.self).map(TokenGrantService.scopes) ?? []
        sessionHandle = try claims.claim("sid", as: String.self)
        students = try claims.claim("students", as: [StudentClaim].self) ?? []
        actor = try claims.claim("act", as: ActorClaim.self)
        family = try claims.claim("fam", as: String.self)
    }
}
