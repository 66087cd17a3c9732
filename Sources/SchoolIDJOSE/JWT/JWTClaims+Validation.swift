import SchoolIDBase

extension JWTClaims {
    /// Checks the time and identity claims (RFC 7519 §4.1, RFC 8725 §3.8–3.9) against an
    /// injected `now`: there is deliberately no default, so a caller cannot forget the clock.
    ///
    /// Rules, in order:
    /// - `iss` must be present and equal `issuer`;
    /// - `aud` must be present and contain `audience`;
    /// - `exp` must be present and `now < exp + leeway`;
    /// - `nbf`, when present, must satisfy `nbf - leeway <= now`;
    /// - `iat`, when present, must satisfy `iat - leeway <= now`.
    ///
    /// Arithmetic is done on `now` and `leeway` only, never on token values, so hostile
    /// claims such as `exp: 9223372036854775807` cannot overflow.
    /// - Parameters:
    ///   - now: the current time, from an injected `WallClock`.
    ///   - leeway: tolerated clock skew in seconds (at least 0).
    ///   - issuer: the only accepted `iss`.
    ///   - audience: the audience that must appear in `aud`.
    /// - Throws: `JOSEError.missingClaim`, `.wrongIssuer`, `.wrongAudience`, `.expired`,
    ///   `.notYetValid`, `.issuedInFuture`.
    public func validate(at now: UnixTime, leeway: Int64, issuer: String, audience: String) throws(JOSEError) {
        precondition(leeway >= 0, "leeway is a tolerance, never negative")
        guard let tokenIssuer = self.issuer else { throw .missingClaim }
        guard tokenIssuer == issuer else { throw .wrongIssuer }
        guard let audiences = self.audience else { throw .missingClaim }
        guard audiences.contains(audience) else { throw .wrongAudience }
        try validateTimes(at: now, leeway: leeway, requireExpiration: true)
    }

    /// Checks only `exp`, `nbf` and `iat` (the time rules of ``validate(at:leeway:issuer:audience:)``).
    ///
    /// For JWT kinds with their own identity rules (RFC 8725 §3.12), e.g. acknowledgement
    /// receipts that carry no `exp`.
    /// - Parameters:
    ///   - now: the current time, from an injected `WallClock`.
    ///   - leeway: tolerated clock skew in seconds (at least 0).
    ///   - requireExpiration: whether a missing `exp` is an error.
    /// - Throws: `JOSEError.missingClaim`, `.expired`, `.notYetValid`, `.issuedInFuture`.
    public func validateTimes(at now: UnixTime, leeway: Int64, requireExpiration: Bool) throws(JOSEError) {
        precondition(leeway >= 0, "leeway is a tolerance, never negative")
        let earliest = now.adding(seconds: -leeway)
        let latest = now.adding(seconds: leeway)
        if let expiresAt {
            guard earliest < expiresAt else { throw .expired }
        } else if requireExpiration {
            throw .missingClaim
        }
        if let notBefore, notBefore > latest { throw .notYetValid }
        if let issuedAt, issuedAt > latest { throw .issuedInFuture }
    }
}
