internal import CSchoolIDOpenSSL

/// Helpers for running an `EVP_KDF` with an `OSSL_PARAM` array built on the stack.
enum KDFParameters {
    /// A pointer and length suitable for `OSSL_PARAM_construct_octet_string`.
    struct Octets {
        let base: UnsafeMutableRawPointer
        let count: Int
    }

    /// A C string for a literal parameter name. `OSSL_PARAM_construct_*` stores the key
    /// pointer, so it must outlive the call, which a bridged temporary would not.
    static func name(_ text: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// Runs `body` with stable copies of two byte strings, wiped afterwards. An empty input
    /// still gets a valid one-byte buffer, because some providers treat a NULL buffer as "unset".
    static func withOctets<R>(_ first: [UInt8], _ second: [UInt8], _ body: (Octets, Octets) throws -> R) rethrows -> R {
        let a = UnsafeMutableRawBufferPointer.allocate(byteCount: max(first.count, 1), alignment: 8)
        let b = UnsafeMutableRawBufferPointer.allocate(byteCount: max(second.count, 1), alignment: 8)
        defer {
            wipe(a)
            wipe(b)
            a.deallocate()
            b.deallocate()
        }
        a.copyBytes(from: first)
        b.copyBytes(from: second)
        return try body(Octets(base: a.baseAddress!, count: first.count), Octets(base: b.baseAddress!, count: second.count))
    }

    /// Fetches the KDF `algorithm` and derives `length` bytes with `parameters`.
    static func derive(_ algorithm: StaticString, length: Int, parameters: inout [OSSL_PARAM]) throws -> [UInt8] {
        guard let kdf = EVP_KDF_fetch(nil, name(algorithm), nil) else {
            throw CryptoError.openSSL("EVP_KDF_fetch(\(algorithm))")
        }
        defer { EVP_KDF_free(kdf) }
        guard let context = EVP_KDF_CTX_new(kdf) else { throw CryptoError.openSSL("EVP_KDF_CTX_new") }
        defer { EVP_KDF_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: length)
        guard EVP_KDF_derive(context, &out, length, &parameters) == 1 else {
            throw CryptoError.invalidParameters.drainingOpenSSLErrors(after: "EVP_KDF_derive(\(algorithm))")
        }
        return out
    }
}
