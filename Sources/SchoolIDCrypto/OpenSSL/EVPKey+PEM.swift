internal import CSchoolIDOpenSSL

extension EVPKey {
    /// Reads a PKCS#8 `PRIVATE KEY` PEM block (RFC 5958, RFC 7468 §10).
    ///
    /// Other private-key labels (traditional `EC PRIVATE KEY`, `RSA PRIVATE KEY`,
    /// `ENCRYPTED PRIVATE KEY`) are refused, and no password prompt is ever shown.
    /// - Throws: ``CryptoError/invalidKey`` for anything else.
    static func fromPrivatePEM(_ pem: String) throws -> EVPKey {
        guard pem.contains("-----BEGIN PRIVATE KEY-----") else {
            throw CryptoError.invalidKey.with("expected a PKCS#8 \"PRIVATE KEY\" PEM block")
        }
        return try withMemoryBIO(pem) { bio in
            guard let key = csid_openssl_pem_read_private_key(bio) else {
                throw CryptoError.invalidKey.drainingOpenSSLErrors(after: "PEM_read_bio_PrivateKey")
            }
            OpenSSLErrorQueue.clear()
            return EVPKey(taking: key)
        }
    }

    /// Reads a SubjectPublicKeyInfo `PUBLIC KEY` PEM block (RFC 7468 §13).
    /// - Throws: ``CryptoError/invalidKey`` when there is none or it does not parse.
    static func fromPublicPEM(_ pem: String) throws -> EVPKey {
        try withMemoryBIO(pem) { bio in
            guard let key = csid_openssl_pem_read_public_key(bio) else {
                throw CryptoError.invalidKey.drainingOpenSSLErrors(after: "PEM_read_bio_PUBKEY")
            }
            OpenSSLErrorQueue.clear()
            return EVPKey(taking: key)
        }
    }

    /// The private key as unencrypted PKCS#8 PEM (`PEM_write_bio_PrivateKey`).
    func privatePEM() throws -> String {
        try writePEM("PEM_write_bio_PrivateKey") { PEM_write_bio_PrivateKey($0, pointer, nil, nil, 0, nil, nil) }
    }

    /// The public key as SubjectPublicKeyInfo PEM (`PEM_write_bio_PUBKEY`).
    func publicPEM() throws -> String {
        try writePEM("PEM_write_bio_PUBKEY") { PEM_write_bio_PUBKEY($0, pointer) }
    }

    private func writePEM(_ call: String, _ write: (OpaquePointer) -> Int32) throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError.openSSL("BIO_new") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw CryptoError.openSSL(call) }
        let pending = Int(BIO_ctrl_pending(bio))
        var bytes = [UInt8](repeating: 0, count: pending)
        defer { bytes.withUnsafeMutableBytes { wipe($0) } }
        guard BIO_read(bio, &bytes, Int32(pending)) == Int32(pending) else { throw CryptoError.openSSL("BIO_read") }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func withMemoryBIO<R>(_ text: String, _ body: (OpaquePointer) throws -> R) throws -> R {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                throw CryptoError.openSSL("BIO_new_mem_buf")
            }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }
}
