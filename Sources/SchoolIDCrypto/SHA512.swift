/// SHA-512 (FIPS 180-4) through OpenSSL's `EVP_Digest`.
public enum SHA512 {
    /// The 64-byte SHA-512 digest of `data`.
    public static func hash(_ data: [UInt8]) -> [UInt8] { MessageDigest.sha512.hash(data) }
}
