internal import CSchoolIDOpenSSL

extension EVPKey {
    /// Signs `message` with `EVP_DigestSign` (one-shot).
    /// - Parameter digest: the hash for ECDSA and RSA; `nil` for Ed25519, which hashes internally.
    /// - Returns: OpenSSL's signature encoding (DER for ECDSA, raw for Ed25519 and RSA).
    func sign(_ message: [UInt8], digest: MessageDigest?) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.openSSL("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, digest?.pointer, nil, pointer) == 1 else {
            throw CryptoError.openSSL("EVP_DigestSignInit")
        }
        return try message.withUnsafeBufferPointer { input in
            var length = 0
            guard EVP_DigestSign(context, nil, &length, input.baseAddress, input.count) == 1 else {
                throw CryptoError.openSSL("EVP_DigestSign(size)")
            }
            var signature = [UInt8](repeating: 0, count: length)
            guard EVP_DigestSign(context, &signature, &length, input.baseAddress, input.count) == 1 else {
                throw CryptoError.openSSL("EVP_DigestSign")
            }
            return Array(signature.prefix(length))
        }
    }

    /// Whether `signature` is valid for `message` (`EVP_DigestVerify`, one-shot).
    ///
    /// Any failure, including a malformed signature, is `false`: verification is a
    /// yes/no question at this layer (the JOSE layer maps `false` to its own error).
    func verify(_ signature: [UInt8], for message: [UInt8], digest: MessageDigest?) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, digest?.pointer, nil, pointer) == 1 else {
            OpenSSLErrorQueue.clear()
            return false
        }
        let result = signature.withUnsafeBufferPointer { sig in
            message.withUnsafeBufferPointer { input in
                EVP_DigestVerify(context, sig.baseAddress, sig.count, input.baseAddress, input.count)
            }
        }
        if result != 1 { OpenSSLErrorQueue.clear() }
        return result == 1
    }
}
