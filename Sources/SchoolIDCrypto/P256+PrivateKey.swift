internal import CSchoolIDOpenSSL

extension P256 {
    /// A P-256 private key. It never prints its scalar and is not `Encodable`.
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
            let key = try EVPKey.generate("EC") { EVP_PKEY_CTX_set_group_name($0, P256.groupName) }
            try self.init(checked: key)
        }

        /// Reads a PKCS#8 `PRIVATE KEY` PEM block.
        /// - Throws: ``CryptoError/invalidKey`` when it does not parse or is not a P-256 key.
        public init(pemRepresentation: String) throws {
            let key = try EVPKey.fromPrivatePEM(pemRepresentation)
            guard P256.isP256(key) else { throw CryptoError.invalidKey.with("not a P-256 private key") }
            try self.init(checked: key)
        }

        /// Builds the key from the private scalar d (JWK `d`, RFC 7518 §6.2.2.1), deriving
        /// the public point Q = d·G.
        /// - Throws: ``CryptoError/invalidKey`` unless d is 32 bytes with 0 < d < n.
        public init(rawRepresentation: [UInt8]) throws {
            guard rawRepresentation.count == P256.coordinateByteCount else {
                throw CryptoError.invalidKey.with("P-256 private scalar must be 32 bytes")
            }
            let point = try P256.publicPoint(for: rawRepresentation)
            let key = try EVPKey.fromData("EC", privateKey: true) { parameters in
                try parameters.push("group", string: P256.groupName)
                try parameters.push("priv", bigEndian: rawRepresentation)
                try parameters.push("pub", octets: point)
            }
            try self.init(checked: key)
        }

        /// The private scalar d, 32 bytes (for JWK export only).
        public var rawRepresentation: [UInt8] {
            guard let d = key.bigNumber("priv", padTo: P256.coordinateByteCount) else {
                preconditionFailure("a P-256 private key always exports its scalar")
            }
            return d
        }

        /// The key as unencrypted PKCS#8 PEM.
        public var pemRepresentation: String {
            guard let pem = try? key.privatePEM() else { preconditionFailure("PEM_write_bio_PrivateKey failed") }
            return pem
        }

        /// Signs `message` with ECDSA and SHA-256 (randomised nonce from OpenSSL's RNG).
        public func signature(for message: [UInt8]) throws -> ECDSASignature {
            try ECDSASignature(derRepresentation: key.sign(message, digest: .sha256))
        }
    }
}
