extension RSA {
    /// An RSA public key of at least ``RSA/minimumBits`` bits.
    public struct PublicKey: Sendable {
        let key: EVPKey

        init(checked key: EVPKey) { self.key = key }

        /// Builds the key from JWK `n` and `e` (RFC 7518 §6.3.1), unsigned big-endian.
        ///
        /// Checks are the cheap structural ones (odd modulus, odd exponent 3 ≤ e < n, size);
        /// OpenSSL's SP 800-56B public check runs Miller–Rabin on n and costs milliseconds.
        /// - Throws: ``CryptoError/invalidKey`` for a modulus under 2048 bits or malformed integers.
        public init(modulus: [UInt8], exponent: [UInt8]) throws {
            let n = RSA.minimal(modulus), e = RSA.minimal(exponent)
            guard let nLast = n.last, nLast & 1 == 1 else { throw CryptoError.invalidKey.with("RSA modulus must be odd") }
            guard let eLast = e.last, eLast & 1 == 1, e.count > 1 || e[0] >= 3, e.count <= n.count else {
                throw CryptoError.invalidKey.with("RSA exponent must be odd, at least 3 and shorter than the modulus")
            }
            let key = try EVPKey.fromData("RSA", privateKey: false) { parameters in
                try parameters.push("n", bigEndian: n)
                try parameters.push("e", bigEndian: e)
            }
            try RSA.checkSize(key)
            self.key = key
        }

        /// Reads a SubjectPublicKeyInfo `PUBLIC KEY` PEM block.
        /// - Throws: ``CryptoError/invalidKey`` when it does not parse, is not RSA, or is under 2048 bits.
        public init(pemRepresentation: String) throws {
            let key = try EVPKey.fromPublicPEM(pemRepresentation)
            try RSA.checkSize(key)
            self.key = key
        }

        /// The modulus n, unsigned big-endian without a leading zero byte (JWK `n`).
        public var modulus: [UInt8] { component("n") }

        /// The public exponent e, unsigned big-endian (JWK `e`; usually `[1, 0, 1]`).
        public var exponent: [UInt8] { component("e") }

        /// The modulus size in bits.
        public var bitCount: Int { key.bits }

        private func component(_ name: String) -> [UInt8] {
            guard let value = key.bigNumber(name) else { preconditionFailure("RSA key without \(name)") }
            return value
        }

        /// The key as SubjectPublicKeyInfo PEM.
        public var pemRepresentation: String {
            guard let pem = try? key.publicPEM() else { preconditionFailure("PEM_write_bio_PUBKEY failed") }
            return pem
        }

        /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
        public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            key.verify(signature, for: message, digest: .sha256)
        }
    }
}
