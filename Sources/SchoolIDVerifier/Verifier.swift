import SchoolIDBase
import SchoolIDJOSE

/// Verifies SchoolID access tokens and ID tokens offline, against the issuer's JWKS.
///
/// ```swift
/// let verifier = Verifier(configuration: VerifierConfiguration(
///     issuer: "https://id.school.example", audience: "diary"))
/// let token = try await verifier.verifyAccessToken(bearer)
/// for student in token.students ?? [] { … }
/// ```
/// Every check is mandatory (RFC 8725, RFC 9068 §4): `alg` on the allow-list and equal to
/// the algorithm of the key named by `kid` (no fallback key, no key from the token's
/// `jku`/`x5u`/`jwk`), the signature, `typ`, `iss`, `aud`, `exp`, `nbf` and `iat` against
/// the injected clock with the configured leeway, then the claims' shapes.
///
/// The keys are fetched once (discovery, then JWKS) and cached; see ``KeyCache`` for when
/// they are fetched again. A verifier is cheap to share: one per issuer and audience.
public final class Verifier: Sendable {
    /// The configuration it was created with.
    public let configuration: VerifierConfiguration
    private let cache: KeyCache<KeySet>

    /// Creates a verifier; nothing is fetched until the first verification.
    /// - Parameter configuration: issuer, audience, keys source, clock and allow-list.
    public init(configuration: VerifierConfiguration) {
        self.configuration = configuration
        cache = KeyCache(configuration: configuration)
    }

    /// Verifies an RFC 9068 access token.
    ///
    /// `typ` must be `at+jwt` (RFC 9068 §4 item 2); `iss`, `sub`, `aud`, `client_id`,
    /// `exp`, `iat` and `jti` are required (§2.2). A delegated token (`act`) names its
    /// actor with relation `guardian` or `trusted`.
    /// - Parameter token: the compact JWS, without a `Bearer ` prefix.
    /// - Returns: the typed claims.
    /// - Throws: ``VerificationError``.
    public func verifyAccessToken(_ token: String) async throws -> VerifiedAccessToken {
        let claims = try await verify(token, type: .accessToken, audience: configuration.audience)
        return try Self.accessToken(from: claims)
    }

    /// Verifies an OpenID Connect ID token (OIDC Core §3.1.3.7).
    ///
    /// `typ` must be `JWT` or absent, so an access token (`at+jwt`) is never taken for an ID
    /// token; `aud` must contain ``VerifierConfiguration/clientID`` (or the audience).
    /// - Parameters:
    ///   - token: the compact JWS.
    ///   - nonce: the nonce sent in the authorization request; when given, the token's
    ///     `nonce` must equal it.
    /// - Returns: the typed claims.
    /// - Throws: ``VerificationError``, ``VerificationError/nonceMismatch`` included.
    public func verifyIDToken(_ token: String, nonce: String?) async throws -> VerifiedIDToken {
        let claims = try await verify(token, type: .idToken, audience: configuration.clientID ?? configuration.audience)
        let verified = try Self.idToken(from: claims)
        if let nonce, verified.nonce != nonce { throw VerificationError.nonceMismatch }
        return verified
    }

    enum TokenKind {
        case accessToken, idToken

        /// RFC 9068 §2.1 `at+jwt`; OIDC ID tokens carry `JWT` or no `typ`.
        func accepts(_ type: String?) -> Bool {
            switch self {
            case .accessToken: return type.map { Self.mediaType($0) == "at+jwt" } ?? false
            case .idToken: return type.map { Self.mediaType($0) == "jwt" } ?? true
            }
        }

        /// RFC 7515 §4.1.9: case-insensitive, `application/` may be omitted.
        private static func mediaType(_ type: String) -> String {
            let lower = type.lowercased()
            return lower.hasPrefix("application/") ? String(lower.dropFirst("application/".count)) : lower
        }
    }

    /// Signature, `typ`, then the registered claims; refetches once for an unknown `kid`.
    private func verify(_ token: String, type: TokenKind, audience: String) async throws -> JWTClaims {
        guard token.utf8.count <= JWS.defaultMaximumLength else { throw VerificationError.malformed }
        let header = try TokenHeader(compact: token)
        guard let algorithm = JWSAlgorithm(rawValue: header.algorithm), configuration.algorithms.contains(algorithm) else {
            throw VerificationError.unsupportedAlgorithm
        }
        guard let keyID = header.keyID else { throw VerificationError.unknownKey }
        let now = configuration.clock.now()
        var keys = try await cache.keys(at: now)
        if keys.key(withID: keyID) == nil {
            guard let refreshed = try await cache.keysAfterUnknownKey(at: now) else { throw VerificationError.unknownKey }
            keys = refreshed
        }
        let verified: VerifiedJWS
        do {
            verified = try JWS.verify(token, keys: keys)
        } catch {
            throw VerificationError(jose: error)
        }
        guard type.accepts(verified.header.type) else { throw VerificationError.wrongType }
        do {
            let claims = try JWTClaims(jsonBytes: verified.payload)
            try claims.validate(at: now, leeway: configuration.leeway, issuer: configuration.issuer, audience: audience)
            return claims
        } catch {
            throw VerificationError(jose: error)
        }
    }
}
