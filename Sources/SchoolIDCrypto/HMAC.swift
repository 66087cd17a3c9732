/// HMAC (RFC 2104) through OpenSSL's one-shot `HMAC()`.
///
/// Compare tags with ``ConstantTime/equals(_:_:)``, never with `==`.
public enum HMAC {
    /// HMAC-SHA-256 (RFC 4231): a 32-byte tag.
    public static func sha256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        MessageDigest.sha256.hmac(key: key, data: data)
    }

    /// HMAC-SHA-512 (RFC 4231): a 64-byte tag.
    public static func sha512(key: [UInt8], data: [UInt8]) -> [UInt8] {
        MessageDigest.sha512.hmac(key: key, data: data)
    }

    /// HMAC-SHA-1: a 20-byte tag. Only for RFC 6238 TOTP, whose authenticators default to it.
    public static func sha1(key: [UInt8], data: [UInt8]) -> [UInt8] {
        MessageDigest.sha1.hmac(key: key, data: data)
    }
}
