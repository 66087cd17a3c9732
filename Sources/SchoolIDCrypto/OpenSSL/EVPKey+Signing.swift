internal import CSchoolIDOpenSSL

extension EVPKey {
    /// Signs `message`.
    ///
    /// With a digest (ECDSA, RSA) the message is hashed here and the hash signed with
    /// `EVP_PKEY_sign` on a pooled context; without one (Ed25519, which hashes internally)
    /// it uses one-shot `EVP_DigestSign`.
    /// - Returns: OpenSSL's signature encoding (DER for ECDSA, raw for Ed25519 and RSA).
    func sign(_ message: [UInt8], digest: MessageDigest?) throws -> [UInt8] {
        guard let digest else { return try signOneShot(message) }
        let hash = digest.hash(message)
        return try pool(.sign, digest: digest).withContext { context in
            var length = 0
            guard EVP_PKEY_sign(context, nil, &length, hash, hash.count) == 1 else {
                throw CryptoError.openSSL("EVP_PKEY_sign(size)")
            }
            var signature = [UInt8](repeating: 0, count: length)
            guard EVP_PKEY_sign(context, &signature, &length, hash, hash.count) == 1 else {
                throw CryptoError.openSSL("EVP_PKEY_sign")
            }
            return Array(signature.prefix(length))
        }
    }

    /// Whether `signature` is valid for `message`.
    ///
    /// Any failure, including a malformed signature, is `false`: verification is a
    /// yes/no question at this layer (the JOSE layer maps `false` to its own error).
    func verify(_ signature: [UInt8], for message: [UInt8], digest: MessageDigest?) -> Bool {
        guard let digest else { return verifyOneShot(signature, for: message) }
        let hash = digest.hash(message)
        let valid = (try? pool(.verify, digest: digest).withContext { context in
            EVP_PKEY_verify(context, signature, signature.count, hash, hash.count) == 1
        }) ?? false
        if !valid { OpenSSLErrorQueue.clear() }
        return valid
    }

    private func signOneShot(_ message: [UInt8]) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.openSSL("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, nil, nil, pointer) == 1 else {
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

    private func verifyOneShot(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, pointer) == 1 else {
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
