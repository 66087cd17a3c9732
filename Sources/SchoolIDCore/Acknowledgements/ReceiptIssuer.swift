public import SchoolIDBase
import SchoolIDCrypto
public import SchoolIDJOSE

/// Signs acknowledgement receipts (`typ: ack+jwt`) with the keyring's active `ack` key of
/// `tokens.json` `algorithms.default.acknowledgement` (ES256 by default), `kid` the RFC
/// 7638 thumbprint. Ack keys are apart from token keys (RFC 8725 §3.12): a token key
/// never signs a receipt and an ack key never signs a token.
public struct ReceiptIssuer: Sendable {
    /// `typ` of receipts (RFC 8725 §3.11 explicit typing).
    public static let type = "ack+jwt"
    /// `typ` of withdrawal entries: a receipt-shaped JWS that no receipt verifier accepts
    /// as a receipt.
    public static let withdrawalType = "ack-withdrawal+jwt"

    /// The `iss` of every receipt.
    public let issuer: String
    let algorithm: JWSAlgorithm
    let keys: KeyringSnapshot
    let random: any RandomSource

    /// - Parameters:
    ///   - issuer: the issuer URL, exactly as discovery publishes it.
    ///   - algorithm: the ack algorithm (`TokenPolicy` `acknowledgement`).
    ///   - keys: the keyring snapshot of this request.
    ///   - random: the source of `jti` values.
    public init(issuer: String, algorithm: JWSAlgorithm, keys: KeyringSnapshot, random: any RandomSource) {
        self.issuer = issuer
        self.algorithm = algorithm
        self.keys = keys
        self.random = random
    }

    /// Signs `claims` as a receipt (or, with `type` ``withdrawalType``, a withdrawal)
    /// issued at `now`.
    ///
    /// `iss`, `jti` (128 random bits, base64url) and `iat` are the issuer's: the values
    /// `claims` holds for them are replaced.
    /// - Precondition: `claims.digest` is 64 lowercase hex characters and `ledgerIndex >= 0`
    ///   (the caller validated the request they come from).
    /// - Throws: ``ReceiptIssuanceError/noActiveKey(_:)`` when the keyring has no active ack
    ///   key for the algorithm; a signing error from OpenSSL.
    /// - Returns: the compact JWS, its `jti` and the claims as signed.
    public func sign(_ claims: ReceiptClaims, at now: UnixTime, type: String = type) throws -> IssuedReceipt {
        precondition(ReceiptClaims.isDigest(claims.digest) && claims.ledgerIndex >= 0, "validated before signing")
        guard let key = keys.activeSigningKey(.ack, algorithm: algorithm) else {
            throw ReceiptIssuanceError.noActiveKey(algorithm.rawValue)
        }
        var signed = claims
        signed.issuer = issuer
        signed.jwtID = random.token(bytes: 16)
        signed.issuedAt = now
        let compact = try JWT.sign(signed.jwtClaims, type: type, key: key)
        return IssuedReceipt(compact: compact, jwtID: signed.jwtID, claims: signed)
    }
}

/// A signed receipt.
public struct IssuedReceipt: Sendable, Hashable {
    /// The JWS compact serialization (RFC 7515 §7.1).
    public let compact: String
    /// Its `jti`.
    public let jwtID: String
    /// The claims as signed (with `iss`, `jti` and `iat` filled in).
    public let claims: ReceiptClaims
}

/// Why a receipt could not be signed: a server configuration fault, never the caller's.
public struct ReceiptIssuanceError: Error, Hashable, CustomStringConvertible {
    public let description: String

    /// The keyring has no active ack key for the algorithm.
    public static func noActiveKey(_ algorithm: String) -> ReceiptIssuanceError {
        ReceiptIssuanceError(description: "no active ack signing key for \(algorithm)")
    }
}
