internal import CSchoolIDOpenSSL

/// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA-256 or HMAC-SHA-512, through `PKCS5_PBKDF2_HMAC`.
///
/// SchoolID hashes new passwords with scrypt; PBKDF2 exists to verify hashes imported
/// from other systems.
public enum PBKDF2 {
    /// The HMAC hash.
    public enum Digest: String, Sendable {
        case sha256
        case sha512

        var messageDigest: MessageDigest { self == .sha256 ? .sha256 : .sha512 }
    }

    /// Accepted iteration counts (the upper bound keeps a hostile hash string from pinning a CPU).
    static let iterationRange = 1...10_000_000
    /// Accepted output length.
    static let lengthRange = 1...1024

    /// Derives `length` bytes.
    /// - Throws: ``CryptoError/invalidParameters`` for iterations or length out of range.
    public static func deriveKey(password: [UInt8], salt: [UInt8], iterations: Int, digest: Digest,
                                 length: Int) throws -> [UInt8] {
        guard iterationRange.contains(iterations), lengthRange.contains(length) else {
            throw CryptoError.invalidParameters.with("PBKDF2 iterations or length out of range")
        }
        var out = [UInt8](repeating: 0, count: length)
        let ok = KDFParameters.withOctets(password, salt) { pass, saltBytes in
            PKCS5_PBKDF2_HMAC(pass.base.assumingMemoryBound(to: CChar.self), Int32(pass.count),
                              saltBytes.base.assumingMemoryBound(to: UInt8.self), Int32(saltBytes.count),
                              Int32(iterations), digest.messageDigest.pointer, Int32(length), &out)
        }
        guard ok == 1 else { throw CryptoError.openSSL("PKCS5_PBKDF2_HMAC") }
        return out
    }
}
