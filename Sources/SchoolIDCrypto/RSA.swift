/// RSA keys with RSASSA-PKCS1-v1_5 and SHA-256 signatures (RFC 8017 §8.2; JOSE `RS256`, RFC 7518 §3.3).
public enum RSA {
    /// The smallest accepted modulus (RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used").
    public static let minimumBits = 2048
    /// The largest accepted modulus, so that a hostile key cannot make verification arbitrarily slow.
    public static let maximumBits = 16384

    /// Refuses keys outside ``minimumBits``...``maximumBits``.
    static func checkSize(_ key: EVPKey) throws {
        guard key.isA("RSA") else { throw CryptoError.invalidKey.with("not an RSA key") }
        guard key.bits >= minimumBits else {
            throw CryptoError.invalidKey.with("RSA modulus of \(key.bits) bits is under \(minimumBits)")
        }
        guard key.bits <= maximumBits else {
            throw CryptoError.invalidKey.with("RSA modulus of \(key.bits) bits is over \(maximumBits)")
        }
    }

    /// `bytes` without leading zero bytes (JWK integers are minimal, RFC 7518 §6.3.1.1).
    static func minimal(_ bytes: [UInt8]) -> [UInt8] { Array(bytes.drop { $0 == 0 }) }
}
