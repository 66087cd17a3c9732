extension P256 {
    /// A P-256 public key.
    public struct PublicKey: Sendable {
        let key: EVPKey

        init(checked key: EVPKey) { self.key = key }

        /// Reads a SubjectPublicKeyInfo `PUBLIC KEY` PEM block.
        /// - Throws: ``CryptoError/invalidKey`` when it does not parse or is not a P-256 key.
        public init(pemRepresentation: String) throws {
            let key = try EVPKey.fromPublicPEM(pemRepresentation)
            guard P256.isP256(key) else { throw CryptoError.invalidKey.with("not a P-256 public key") }
            try key.checkPublic()
            self.key = key
        }

        /// Builds the key from affine coordinates (JWK `x` and `y`, RFC 7518 §6.2.1.2–3).
        /// - Throws: ``CryptoError/invalidKey`` unless both are 32 bytes and the point is on the curve.
        public init(x: [UInt8], y: [UInt8]) throws {
            guard x.count == P256.coordinateByteCount, y.count == P256.coordinateByteCount else {
                throw CryptoError.invalidKey.with("P-256 coordinates must be 32 bytes each")
            }
            // SEC 1 §2.3.3 uncompressed point; OpenSSL refuses points off the curve.
            let key = try EVPKey.fromData("EC", privateKey: false) { parameters in
                try parameters.push("group", string: P256.groupName)
                try parameters.push("pub", octets: [0x04] + x + y)
            }
            try key.checkPublic()
            self.key = key
        }

        /// The affine x coordinate, 32 bytes.
        public var x: [UInt8] { coordinates.x }

        /// The affine y coordinate, 32 bytes.
        public var y: [UInt8] { coordinates.y }

        private var coordinates: (x: [UInt8], y: [UInt8]) {
            guard let x = key.bigNumber("qx", padTo: P256.coordinateByteCount),
                  let y = key.bigNumber("qy", padTo: P256.coordinateByteCount)
            else { preconditionFailure("a checked P-256 key always exports its point") }
            return (x, y)
        }

        /// The key as SubjectPublicKeyInfo PEM.
        public var pemRepresentation: String {
            guard let pem = try? key.publicPEM() else { preconditionFailure("PEM_write_bio_PUBKEY failed") }
            return pem
        }

        /// Whether `signature` is a valid ECDSA-SHA-256 signature of `message` under this key.
        public func isValidSignature(_ signature: ECDSASignature, for message: [UInt8]) -> Bool {
            key.verify(signature.derRepresentation, for: message, digest: .sha256)
        }
    }
}
