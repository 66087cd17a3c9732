/// AES-256-GCM authenticated encryption (NIST SP 800-38D) through OpenSSL's `EVP_CIPHER`.
public enum AES256GCM {
    /// Encrypts `plaintext` and authenticates it together with `aad`.
    ///
    /// - Parameters:
    ///   - plaintext: the bytes to encrypt.
    ///   - key: a 256-bit key.
    ///   - nonce: 12 bytes that must never repeat under the same key; `nil` draws 12
    ///     random bytes from OpenSSL's CSPRNG (safe for up to 2^32 messages per key,
    ///     SP 800-38D §8.3).
    ///   - aad: associated data bound to the ciphertext but not encrypted.
    /// - Returns: the nonce, ciphertext and 16-byte tag.
    /// - Throws: ``CryptoError/invalidParameters`` for a nonce that is not 12 bytes.
    public static func seal(_ plaintext: [UInt8], using key: SymmetricKey, nonce: [UInt8]? = nil,
                            authenticating aad: [UInt8]) throws -> AESGCMSealedBox {
        let nonce = nonce ?? OpenSSLRandomSource().bytes(count: AESGCMSealedBox.nonceByteCount)
        guard nonce.count == AESGCMSealedBox.nonceByteCount else {
            throw CryptoError.invalidParameters.with("AES-GCM nonce must be 12 bytes, got \(nonce.count)")
        }
        let context = try GCMCipherContext(encrypting: true, key: key, nonce: nonce)
        try context.authenticate(aad)
        let ciphertext = try context.update(plaintext)
        let tag = try context.finishSealing()
        return try AESGCMSealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
    }

    /// Decrypts `box` after checking its tag over the ciphertext and `aad`.
    ///
    /// - Parameters:
    ///   - box: the sealed box.
    ///   - key: the key it was sealed with.
    ///   - aad: the same associated data as at sealing.
    /// - Returns: the plaintext; nothing is returned unless authentication succeeds.
    /// - Throws: ``CryptoError/authenticationFailure`` when the key, nonce, ciphertext,
    ///   tag or associated data differ from those sealed.
    public static func open(_ box: AESGCMSealedBox, using key: SymmetricKey,
                            authenticating aad: [UInt8]) throws -> [UInt8] {
        let context = try GCMCipherContext(encrypting: false, key: key, nonce: box.nonce)
        try context.authenticate(aad)
        var plaintext = try context.update(box.ciphertext)
        do {
            try context.finishOpening(tag: box.tag)
        } catch {
            plaintext.withUnsafeMutableBytes { wipe($0) }
            throw error
        }
        return plaintext
    }
}
