internal import CSchoolIDOpenSSL

/// An `EVP_MD` fetched once from the default provider.
///
/// OpenSSL 3 re-fetches the implementation on every use of `EVP_sha256()`; fetching
/// once keeps hashing, HMAC and signing off the provider store's locks.
// SAFETY: the EVP_MD is fetched once, never mutated, and never freed (process lifetime);
// OpenSSL documents fetched algorithm objects as safe to share between threads.
final class MessageDigest: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The digest's name as OpenSSL knows it, e.g. "SHA256".
    let name: String
    let size: Int

    private init(name: String) {
        guard let md = EVP_MD_fetch(nil, name, nil) else {
            fatalError("OpenSSL default provider lacks \(name): \(OpenSSLErrorQueue.drain())")
        }
        pointer = md
        self.name = name
        size = Int(EVP_MD_get_size(md))
    }

    static let sha1 = MessageDigest(name: "SHA1")
    static let sha256 = MessageDigest(name: "SHA256")
    static let sha512 = MessageDigest(name: "SHA512")

    /// The one-shot digest of `data` (`EVP_Digest`).
    func hash(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        var outLength: UInt32 = 0
        let ok = data.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &out, &outLength, pointer, nil)
        }
        precondition(ok == 1 && Int(outLength) == size, "EVP_Digest failed: \(OpenSSLErrorQueue.drain())")
        return out
    }

    /// HMAC of `data` under `key` (RFC 2104) with the one-shot `HMAC()`.
    func hmac(key: [UInt8], data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        var outLength: UInt32 = 0
        // A non-null key pointer even for an empty key: HMAC() treats (NULL, 0) as "reuse the old key".
        let keyBytes = key.isEmpty ? [UInt8(0)] : key
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            data.withUnsafeBytes { input in
                CSchoolIDOpenSSL.HMAC(pointer, keyBuffer.baseAddress, Int32(key.count),
                     input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count, &out, &outLength)
            }
        }
        precondition(result != nil && Int(outLength) == size, "HMAC failed: \(OpenSSLErrorQueue.drain())")
        return out
    }
}
