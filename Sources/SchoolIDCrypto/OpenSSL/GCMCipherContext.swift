internal import CSchoolIDOpenSSL

/// One AES-256-GCM operation on an `EVP_CIPHER_CTX`, freed when done.
final class GCMCipherContext {
    // SAFETY: fetched once, immutable, never freed; fetched algorithms may be shared by threads.
    private final class Cipher: @unchecked Sendable {
        let pointer: OpaquePointer
        init() {
            guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else {
                fatalError("OpenSSL default provider lacks AES-256-GCM: \(OpenSSLErrorQueue.drain())")
            }
            pointer = cipher
        }
    }

    private static let aes256GCM = Cipher()

    private let context: OpaquePointer
    private let encrypting: Bool

    /// Initialises the context with `key` and the 12-byte `nonce` (OpenSSL's default GCM IV length).
    init(encrypting: Bool, key: SymmetricKey, nonce: [UInt8]) throws {
        guard let context = EVP_CIPHER_CTX_new() else { throw CryptoError.openSSL("EVP_CIPHER_CTX_new") }
        self.context = context
        self.encrypting = encrypting
        let ok = key.withUnsafeBytes { keyBytes in
            nonce.withUnsafeBytes { iv in
                EVP_CipherInit_ex2(context, Self.aes256GCM.pointer,
                                   keyBytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                   iv.baseAddress?.assumingMemoryBound(to: UInt8.self), encrypting ? 1 : 0, nil)
            }
        }
        guard ok == 1 else { throw CryptoError.openSSL("EVP_CipherInit_ex2") }
    }

    deinit { EVP_CIPHER_CTX_free(context) }

    /// Feeds associated data (authenticated, not encrypted).
    func authenticate(_ aad: [UInt8]) throws {
        guard !aad.isEmpty else { return }
        var outLength: Int32 = 0
        let ok = aad.withUnsafeBytes { input in
            EVP_CipherUpdate(context, nil, &outLength, input.baseAddress?.assumingMemoryBound(to: UInt8.self),
                             Int32(input.count))
        }
        guard ok == 1 else { throw CryptoError.openSSL("EVP_CipherUpdate(aad)") }
    }

    /// Encrypts or decrypts `input` (GCM is a stream mode: output length equals input length).
    func update(_ input: [UInt8]) throws -> [UInt8] {
        guard !input.isEmpty else { return [] }
        guard input.count < Int(Int32.max) else { throw CryptoError.invalidParameters.with("input too long") }
        var output = [UInt8](repeating: 0, count: input.count)
        var outLength: Int32 = 0
        let ok = input.withUnsafeBytes { source in
            EVP_CipherUpdate(context, &output, &outLength, source.baseAddress?.assumingMemoryBound(to: UInt8.self),
                             Int32(source.count))
        }
        guard ok == 1, Int(outLength) == input.count else { throw CryptoError.openSSL("EVP_CipherUpdate") }
        return output
    }

    /// Finishes encryption and returns the 16-byte tag.
    func finishSealing() throws -> [UInt8] {
        var scratch = [UInt8](repeating: 0, count: 16)
        var outLength: Int32 = 0
        guard EVP_CipherFinal_ex(context, &scratch, &outLength) == 1 else {
            throw CryptoError.openSSL("EVP_CipherFinal_ex")
        }
        var tag = [UInt8](repeating: 0, count: AESGCMSealedBox.tagByteCount)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tag.count), &tag) == 1 else {
            throw CryptoError.openSSL("EVP_CIPHER_CTX_ctrl(GET_TAG)")
        }
        return tag
    }

    /// Checks `tag` against the data fed so far.
    /// - Throws: ``CryptoError/authenticationFailure`` when it does not match.
    func finishOpening(tag: [UInt8]) throws {
        var expected = tag
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(expected.count), &expected) == 1 else {
            throw CryptoError.openSSL("EVP_CIPHER_CTX_ctrl(SET_TAG)")
        }
        var scratch = [UInt8](repeating: 0, count: 16)
        var outLength: Int32 = 0
        guard EVP_CipherFinal_ex(context, &scratch, &outLength) == 1 else {
            // A tag mismatch queues no error worth reporting; drop whatever is there.
            OpenSSLErrorQueue.clear()
            throw CryptoError.authenticationFailure
        }
    }
}
