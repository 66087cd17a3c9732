/// ECDSA over NIST P-256 with SHA-256 (FIPS 186-4; JOSE `ES256`, RFC 7518 §3.4).
public enum P256 {
    /// OpenSSL's name for the curve (SEC 2 `secp256r1`, X9.62 `prime256v1`).
    static let groupName = "prime256v1"
    /// Bytes in a coordinate or scalar.
    static let coordinateByteCount = 32

    /// Whether `key` is an EC key on P-256 (not another curve, not explicit parameters).
    static func isP256(_ key: EVPKey) -> Bool {
        guard key.isA("EC"), let group = key.string("group") else { return false }
        return group == groupName || group == "P-256" || group == "secp256r1"
    }
}
