internal import CSchoolIDOpenSSL

/// Ed25519 signatures (RFC 8032 §5.1; JOSE `EdDSA`, RFC 8037).
public enum Ed25519 {
    /// Bytes in a seed or public key.
    static let keyByteCount = 32
    /// Bytes in a signature.
    static let signatureByteCount = 64

    /// An Ed25519 key from raw bytes (`EVP_PKEY_new_raw_*_key_ex`).
    static func rawKey(_ bytes: [UInt8], isPrivate: Bool) throws -> EVPKey {
        guard bytes.count == keyByteCount else {
            throw CryptoError.invalidKey.with("Ed25519 keys are 32 bytes, got \(bytes.count)")
        }
        let key = bytes.withUnsafeBufferPointer { buffer in
            isPrivate
                ? EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, buffer.baseAddress, buffer.count)
                : EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, buffer.baseAddress, buffer.count)
        }
        guard let key else { throw CryptoError.invalidKey.drainingOpenSSLErrors(after: "EVP_PKEY_new_raw_key") }
        return EVPKey(taking: key)
    }
}
