internal import CSchoolIDOpenSSL

/// The scrypt key-derivation function (RFC 7914) through OpenSSL's `EVP_KDF` "SCRYPT".
public enum Scrypt {
    /// The memory ceiling handed to OpenSSL. Its default (32 MiB) refuses N = 2^17 with r = 8,
    /// which needs 128 MiB; 1 GiB admits every profile the policies allow.
    static let maximumMemory: UInt64 = 1 << 30
    /// Accepted range of log2 N.
    static let logNRange = 1...24
    /// Accepted range of r and of p (RFC 7914 §2 requires r·p < 2^30).
    static let factorRange = 1...64
    /// Accepted output length.
    static let lengthRange = 1...1024

    /// Derives `length` bytes from `password` and `salt`.
    /// - Parameters:
    ///   - password: the password bytes (UTF-8 after NFKC for user passwords).
    ///   - salt: the salt; may be empty only for test vectors.
    ///   - logN: log2 of N.
    ///   - r: block size.
    ///   - p: parallelisation.
    ///   - length: output length in bytes.
    /// - Returns: the derived key.
    /// - Throws: ``CryptoError/invalidParameters`` for parameters out of range or needing more
    ///   than 1 GiB of memory (128·r·(N + p + 2) bytes).
    public static func deriveKey(password: [UInt8], salt: [UInt8], logN: Int, r: Int, p: Int,
                                 length: Int) throws -> [UInt8] {
        guard logNRange.contains(logN), factorRange.contains(r), factorRange.contains(p),
              lengthRange.contains(length)
        else { throw CryptoError.invalidParameters.with("scrypt parameters out of range") }
        let memory = 128 * UInt64(r) * (UInt64(1) << UInt64(logN) + UInt64(p) + 2)
        guard memory <= maximumMemory else {
            throw CryptoError.invalidParameters.with("scrypt parameters need \(memory) bytes of memory")
        }
        // OSSL_PARAM stores pointers to the values, so they must stay valid until derive.
        let integers = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        let factors = UnsafeMutablePointer<UInt32>.allocate(capacity: 2)
        defer {
            integers.deallocate()
            factors.deallocate()
        }
        integers[0] = UInt64(1) << UInt64(logN)
        integers[1] = maximumMemory
        factors[0] = UInt32(r)
        factors[1] = UInt32(p)
        return try KDFParameters.withOctets(password, salt) { passwordBytes, saltBytes in
            var parameters = [
                OSSL_PARAM_construct_octet_string(KDFParameters.name("pass"), passwordBytes.base, passwordBytes.count),
                OSSL_PARAM_construct_octet_string(KDFParameters.name("salt"), saltBytes.base, saltBytes.count),
                OSSL_PARAM_construct_uint64(KDFParameters.name("n"), integers),
                OSSL_PARAM_construct_uint32(KDFParameters.name("r"), factors),
                OSSL_PARAM_construct_uint32(KDFParameters.name("p"), factors + 1),
                OSSL_PARAM_construct_uint64(KDFParameters.name("maxmem_bytes"), integers + 1),
                OSSL_PARAM_construct_end(),
            ]
            return try KDFParameters.derive("SCRYPT", length: length, parameters: &parameters)
        }
    }
}
