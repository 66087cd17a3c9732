import SchoolIDBase

/// JWS Compact Serialization (RFC 7515 §7.1): signing and strict verification.
///
/// Verification binds key and algorithm (RFC 8725 §3.1, STYLE §9.2): the key is chosen by
/// `kid` alone, the algorithm is the key's, and the header's `alg` must equal it.
public enum JWS {
    /// The default upper bound on a compact JWS, in bytes (checked before any decoding).
    public static let defaultMaximumLength = 16 * 1024

    /// Signs `payload` (RFC 7515 §5.1).
    ///
    /// The header always carries `alg` = the key's algorithm and `kid` = the key's ID.
    /// - Parameters:
    ///   - payload: the bytes to sign.
    ///   - type: the `typ` header, e.g. `at+jwt`; omitted when `nil`.
    ///   - extraHeader: other header parameters; must not name `alg`, `kid`, `typ` or `crit`.
    ///   - key: the signing key.
    /// - Returns: `BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature)`.
    /// - Throws: `CryptoError` when OpenSSL fails; `JOSEError.malformed` when `extraHeader`
    ///   holds a value that cannot be encoded (a non-finite number).
    public static func sign(
        payload: [UInt8], type: String? = nil, extraHeader: [String: JSONValue] = [:], key: SigningKey
    ) throws -> String {
        let header = JWSHeader(algorithm: key.algorithm, type: type, keyID: key.keyID, extra: extraHeader)
        // One byte buffer from signing input to compact form: no String round trips.
        var compact: [UInt8] = []
        compact.reserveCapacity(256 + payload.count * 4 / 3)
        Base64URL.append(try header.jsonBytes(), to: &compact)
        compact.append(UInt8(ascii: "."))
        Base64URL.append(payload, to: &compact)
        let signature = try key.signature(for: compact)
        compact.append(UInt8(ascii: "."))
        Base64URL.append(signature, to: &compact)
        return String(decoding: compact, as: UTF8.self)
    }

    /// Verifies `compact` with the key that its `kid` names in `keys`.
    ///
    /// - Parameters:
    ///   - compact: the serialized JWS.
    ///   - keys: the trusted keys.
    ///   - maximumLength: the largest accepted input in bytes.
    /// - Returns: the header and payload, only after the signature verified.
    /// - Throws: `JOSEError.oversized`, `.malformed`, `.unsupportedAlgorithm`, `.criticalHeader`,
    ///   `.unknownKeyID` (no `kid`, or not in `keys`), `.algorithmMismatch`, `.invalidSignature`.
    public static func verify(
        _ compact: String, keys: KeySet, maximumLength: Int = defaultMaximumLength
    ) throws(JOSEError) -> VerifiedJWS {
        let jws = try CompactJWS(compact, maximumLength: maximumLength)
        guard let keyID = jws.header.keyID, let key = keys.key(withID: keyID) else { throw .unknownKeyID }
        return try verify(jws, with: key)
    }

    /// Verifies `compact` with one given key (for RFC examples and other JWSs without `kid`).
    ///
    /// The header's `alg` must still equal the key's algorithm; a `kid` in the header must
    /// equal the key's.
    /// - Throws: as ``verify(_:keys:maximumLength:)``.
    public static func verify(
        _ compact: String, key: VerificationKey, maximumLength: Int = defaultMaximumLength
    ) throws(JOSEError) -> VerifiedJWS {
        let jws = try CompactJWS(compact, maximumLength: maximumLength)
        if let keyID = jws.header.keyID, keyID != key.keyID { throw .unknownKeyID }
        return try verify(jws, with: key)
    }

    private static func verify(_ jws: CompactJWS, with key: VerificationKey) throws(JOSEError) -> VerifiedJWS {
        guard jws.header.algorithm == key.algorithm else { throw .algorithmMismatch }
        guard key.isValidSignature(jws.signature, for: jws.signingInput) else { throw .invalidSignature }
        return VerifiedJWS(header: jws.header, payload: jws.payload, keyID: key.keyID)
    }
}

/// A JWS whose signature has been verified.
public struct VerifiedJWS: Hashable, Sendable {
    /// The protected header.
    public let header: JWSHeader
    /// The payload bytes.
    public let payload: [UInt8]
    /// The `kid` of the key that verified it.
    public let keyID: String
}
