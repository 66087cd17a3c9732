extension Ed25519 {
    /// An Ed25519 private key. It never prints its seed and is not `Encodable`.
    public struct PrivateKey: Sendable {
        let key: EVPKey

        /// The matching public key.
        public let publicKey: PublicKey

        private init(checked key: EVPKey) throws {
            self.key = key
            publicKey = PublicKey(checked: try key.publicOnly())
        }

        /// Generates a key with OpenSSL's RNG.
        public init() throws {
            try self.init(checked: EVPKey.generate("ED25519"))
        }

        /// Wraps the 32-byte seed (RFC 8032 §5.1.5 "private key"; JWK `d`, RFC 8037 §2).
        /// - Throws: ``CryptoError/invalidKey`` unless 32 bytes.
        public init(rawRepresentation: [UInt8]) throws {
            try self.init(checked: Ed25519.rawKey(rawRepresentation, isPrivate: true))
        }

        /// Reads a PKCS#8 `PRIVATE KEY` PEM block (RFC 8410 §7).
        /// - Throws: ``CryptoError/invalidKey`` when it does not parse or is not Ed25519.
        public init(pemRepresentation: String) throws {
            let key = try EVPKey.fromPrivatePEM(pemRepresentation)
            guard key.isA("ED25519") else { throw CryptoError.invalidKey.with("not an Ed25519 private key") }
            try self.init(checked: key)
        }

        /// The 32-byte seed (for JWK export only).
        public var rawRepresentation: [UInt8] {
            guard let raw = try? key.rawPrivateKey() else { preconditionFailure("Ed25519 key without private bytes") }
            return raw
        }

        /// The key as unencrypted PKCS#8 PEM.
        public var pemRepresentation: String {
            guard let pem = try? key.privatePEM() else { preconditionFailure("PEM_write_bio_PrivateKey failed") }
            return pem
        }

        /// Signs `message` (pure Ed25519, RFC 8032 §5.1.6): 64 bytes, deterministic.
        public func signature(for message: [UInt8]) throws -> [UInt8] {
            try key.sign(message, digest: nil)
        }
    }
}
