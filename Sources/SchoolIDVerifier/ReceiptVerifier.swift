import SchoolIDBase
import SchoolIDJOSE

/// Verifies SchoolID acknowledgement receipts offline, against the ack keys document
/// (`GET /v1/ledger/keys`).
///
/// ```swift
/// let verifier = ReceiptVerifier(configuration: ReceiptVerifierConfiguration(
///     issuer: "https://id.school.example", audience: "diary"))
/// let receipt = try await verifier.verifyReceipt(compact)
/// guard receipt.matches(document: bytes) else { … }
/// ```
/// Every check is mandatory: `alg` on the allow-list (ES256, EdDSA) and equal to the
/// algorithm of the ack key named by `kid` — never a token key (RFC 8725 §3.12) nor a key
/// from the receipt's own header (§3.10) —, the signature, `typ` `ack+jwt` (§3.11), `iss`,
/// `aud`, an `iat` not in the future (leeway included) and inside the key's active period
/// `[active_from, retired_at)`, then every receipt claim's shape. There is no `exp`: a
/// receipt signed by a key since retired still verifies.
///
/// The keys are fetched once and cached like the token JWKS (``KeyCache``): refreshed
/// after their `max-age`, and fetched again for an unknown `kid` at most once per
/// ``ReceiptVerifierConfiguration/unknownKeyRefetchInterval``.
public final class ReceiptVerifier: Sendable {
    /// The configuration it was created with.
    public let configuration: ReceiptVerifierConfiguration
    private let cache: KeyCache<AckKeys>

    /// Creates a verifier; nothing is fetched until the first verification.
    public init(configuration: ReceiptVerifierConfiguration) {
        self.configuration = configuration
        cache = KeyCache(configuration: configuration.cacheConfiguration, parse: AckKeys.parse)
    }

    /// Verifies a receipt's signature and claims.
    /// - Parameter compact: the JWS compact serialization.
    /// - Returns: the typed claims; check the document with ``VerifiedReceipt/matches(document:)``.
    /// - Throws: ``VerificationError``, ``VerificationError/keyNotActive`` when `iat` lies
    ///   outside the signing key's active period.
    public func verifyReceipt(_ compact: String) async throws -> VerifiedReceipt {
        let signed = try await verifyAckSignature(compact, type: "ack+jwt")
        let receipt = try VerifiedReceipt(payload: signed.jws.payload, keyID: signed.jws.keyID)
        guard receipt.issuer == configuration.issuer else { throw VerificationError.wrongIssuer }
        guard receipt.audience == configuration.audience else { throw VerificationError.wrongAudience }
        try signed.checkIssuedAt(receipt.issuedAt, leeway: configuration.leeway)
        return receipt
    }

    /// The checks receipts and checkpoints share: `alg` on the allow-list, an ack key named
    /// by `kid` (refetching the document once for an unknown one), the signature and `typ`.
    /// - Returns: the verified JWS with the signing key's active period and the time read.
    func verifyAckSignature(_ compact: String, type: String) async throws -> AckSignedJWS {
        guard compact.utf8.count <= JWS.defaultMaximumLength else { throw VerificationError.malformed }
        let header = try TokenHeader(compact: compact)
        guard let algorithm = JWSAlgorithm(rawValue: header.algorithm), configuration.algorithms.contains(algorithm) else {
            throw VerificationError.unsupportedAlgorithm
        }
        guard let keyID = header.keyID else { throw VerificationError.unknownKey }
        guard configuration.resolvedKeysURI != nil else {
            throw VerificationError(.jwksUnavailable, detail: "the issuer is not a URL and no keys URI is set")
        }
        let now = configuration.clock.now()
        var keys = try await cache.keys(at: now)
        if keys.keys.key(withID: keyID) == nil {
            guard let refreshed = try await cache.keysAfterUnknownKey(at: now) else { throw VerificationError.unknownKey }
            keys = refreshed
        }
        let verified: VerifiedJWS
        do {
            verified = try JWS.verify(compact, keys: keys.keys)
        } catch {
            throw VerificationError(jose: error)
        }
        guard JWT.typeMatches(verified.header.type, expected: type) else { throw VerificationError.wrongType }
        return AckSignedJWS(jws: verified, period: keys.periods[verified.keyID], now: now)
    }
}

/// A JWS whose signature an ack key verified, waiting for its `iat` check.
struct AckSignedJWS {
    let jws: VerifiedJWS
    /// The signing key's active period (`nil` if the document gave none).
    let period: AckKeys.Period?
    /// The verification time.
    let now: UnixTime

    /// `iat` not in the future (leeway included) and inside the key's active period.
    /// - Throws: ``VerificationError/issuedInFuture``, ``VerificationError/keyNotActive``.
    func checkIssuedAt(_ issuedAt: UnixTime, leeway: Int64) throws(VerificationError) {
        guard issuedAt <= now.adding(seconds: leeway) else { throw .issuedInFuture }
        guard let period, period.contains(issuedAt) else { throw .keyNotActive }
    }
}
