extension Ed25519 {
    /// An Ed25519 public key.
    public struct PublicKey: Sendable {
        let key: EVPKey

        init(checked key: EVPKey) { self.key = key }

        /// Wraps the 32-byte encoded point (JWK `x`, RFC 8037 §2).
        /// - Throws: ``CryptoError/invalidKey`` unless 32 bytes.
        public init(rawRepresentation: [UInt8]) throws {
            key = try Ed25519.rawKey(rawRepresentation, isPrivate: false)
        }

        /// Reads a SubjectPublicKeyInfo `PUBLIC KEY` PEM block (RFC 8410 §4).
        /// - Throws: ``CryptoError/invalidKey`` when it does not parse or is not Ed25519.
        public init(pemRepresentation: String) throws {
            let key = try EVPKey.fromPublicPEM(pemRepresentation)
            guard key.isA("ED25519") else { throw CryptoError.invalidKey.with("not an Ed25519 public key") }
            self.key = key
        }

        /// The 32-byte encoded point.
        public var rawRepresentation: [UInt8] {
            guard let raw = try? key.rawPublicKey() else { preconditionFailure("Ed25519 key without public bytes") }
            return raw
        }

        /// The key as SubjectPublicKeyInfo PEM.
        public var pemRepresentation: String {
            guard let pem = try? key.publicPEM() else { preconditionFailure("PEM_write_bio_PUBKEY failed") }
            return pem
        }

        /// Whether `signature` is a valid Ed25519 signature of `message` (RFC 8032 §5.1.7).
        public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            guard signature.count == Ed25519.signatureByteCount else { return false }
            return key.verify(signature, for: message, digest: nil)
        }
    }
}
