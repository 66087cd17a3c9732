import SchoolIDBase

/// JSON Web Tokens (RFC 7519) as JWS-signed claims sets, verified and validated in one call.
public enum JWT {
    /// Signs `claims` as a JWS with `typ` = `type`.
    /// - Parameters:
    ///   - claims: the claims set.
    ///   - type: the `typ` header (RFC 8725 §3.11 explicit typing), e.g. `at+jwt` (RFC 9068 §2.1).
    ///   - key: the signing key; `alg` and `kid` come from it.
    /// - Throws: `CryptoError` when OpenSSL fails; `JOSEError.malformed` for unencodable claims.
    public static func sign(_ claims: JWTClaims, type: String, key: SigningKey) throws -> String {
        try JWS.sign(payload: claims.jsonBytes(), type: type, key: key)
    }

    /// Verifies the signature with the key named by `kid`, then the `typ`, then the claims
    /// (``JWTClaims/validate(at:leeway:issuer:audience:)``).
    ///
    /// - Parameters:
    ///   - compact: the serialized JWT.
    ///   - keys: the trusted keys.
    ///   - expectedType: the required `typ`, compared as RFC 7515 §4.1.9 media types
    ///     (case-insensitive, `application/` optional); `nil` means any or none.
    ///   - now: the current time from an injected `WallClock`; there is no default.
    ///   - leeway: tolerated clock skew in seconds.
    ///   - issuer: the only accepted `iss`.
    ///   - audience: the audience that must appear in `aud`.
    ///   - maximumLength: the largest accepted input in bytes.
    /// - Returns: the header and the validated claims.
    /// - Throws: every ``JWS/verify(_:keys:maximumLength:)`` error, then `JOSEError.wrongType`,
    ///   `.malformed` (payload not a claims object) and every claim-validation error.
    public static func verify(
        _ compact: String, keys: KeySet, expectedType: String?, now: UnixTime, leeway: Int64,
        issuer: String, audience: String, maximumLength: Int = JWS.defaultMaximumLength
    ) throws(JOSEError) -> VerifiedJWT {
        let jws = try JWS.verify(compact, keys: keys, maximumLength: maximumLength)
        if let expectedType, !typeMatches(jws.header.type, expected: expectedType) { throw .wrongType }
        let claims = try JWTClaims(jsonBytes: jws.payload)
        try claims.validate(at: now, leeway: leeway, issuer: issuer, audience: audience)
        return VerifiedJWT(header: jws.header, claims: claims, keyID: jws.keyID)
    }

    /// RFC 7515 §4.1.9: `typ` is a media type compared case-insensitively, whose
    /// `application/` prefix may be omitted.
    public static func typeMatches(_ type: String?, expected: String) -> Bool {
        guard let type else { return false }
        return normalized(type) == normalized(expected)
    }

    private static func normalized(_ type: String) -> String {
        let lower = type.lowercased()
        return lower.hasPrefix("application/") ? String(lower.dropFirst("application/".count)) : lower
    }
}

/// A JWT whose signature, type and claims have been checked.
public struct VerifiedJWT: Hashable, Sendable {
    /// The protected header.
    public let header: JWSHeader
    /// The validated claims.
    public let claims: JWTClaims
    /// The `kid` of the key that verified it.
    public let keyID: String
}
