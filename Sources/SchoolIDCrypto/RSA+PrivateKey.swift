internal import CSchoolIDOpenSSL

extension RSA {
    /// An RSA private key of at least ``RSA/minimumBits`` bits. Not printable, not `Encodable`.
    public struct PrivateKey: Sendable {
        let key: EVPKey

        /// The matching public key.
        public let publicKey: PublicKey

        private init(checked key: EVPKey) throws {
            try RSA.checkSize(key)
            // Keys without CRT parameters cannot be exported as JWK components.
            guard key.bigNumber("rsa-coefficient1") != nil else {
                throw CryptoError.invalidKey.with("RSA private key lacks CRT parameters")
            }
            self.key = key
            publicKey = PublicKey(checked: try key.publicOnly())
        }

        /// Generates a key with public exponent 65537.
        /// - Parameter bits: the modulus size; 3072 by default (NIST SP 800-57 128-bit strength).
        /// - Throws: ``CryptoError/invalidParameters`` for sizes outside 2048...16384.
        public init(bits: Int = 3072) throws {
            guard (RSA.minimumBits...RSA.maximumBits).contains(bits) else {
                throw CryptoError.invalidParameters.with("RSA size must be \(RSA.minimumBits)...\(RSA.maximumBits) bits")
            }
            try self.init(checked: EVPKey.generate("RSA") { EVP_PKEY_CTX_set_rsa_keygen_bits($0, Int32(bits)) })
        }

        /// Reads a PKCS#8 `PRIVATE KEY` PEM block.
        /// - Throws: ``CryptoError/invalidKey`` when it does not parse, is not RSA, or is under 2048 bits.
        public init(pemRepresentation: String) throws {
            try self.init(checked: EVPKey.fromPrivatePEM(pemRepresentation))
        }

        /// Builds the key from JWK private components (RFC 7518 §6.3.2) and checks that they
        /// belong together (`EVP_PKEY_pairwise_check`), so a corrupted key fails here rather
        /// than by producing signatures nobody can verify.
        /// - Throws: ``CryptoError/invalidKey`` for inconsistent components or a modulus under 2048 bits.
        public init(components: PrivateComponents) throws {
            let fields: [(String, [UInt8])] = [
                ("n", components.n), ("e", components.e), ("d", components.d),
                ("rsa-factor1", components.p), ("rsa-factor2", components.q),
                ("rsa-exponent1", components.dp), ("rsa-exponent2", components.dq),
                ("rsa-coefficient1", components.qi),
            ]
            guard fields.allSatisfy({ !RSA.minimal($0.1).isEmpty }) else {
                throw CryptoError.invalidKey.with("RSA components must all be non-zero")
            }
            let key = try EVPKey.fromData("RSA", privateKey: true) { parameters in
                for (name, value) in fields { try parameters.push(name, bigEndian: RSA.minimal(value)) }
            }
            try RSA.checkSize(key)
            try key.checkPairwise()
            try self.init(checked: key)
        }

        /// The private integers, for JWK export only.
        public var components: PrivateComponents {
            func value(_ name: String) -> [UInt8] {
                guard let value = key.bigNumber(name) else { preconditionFailure("RSA key without \(name)") }
                return value
            }
            return PrivateComponents(
                n: value("n"), e: value("e"), d: value("d"), p: value("rsa-factor1"), q: value("rsa-factor2"),
                dp: value("rsa-exponent1"), dq: value("rsa-exponent2"), qi: value("rsa-coefficient1"))
        }

        /// The key as unencrypted PKCS#8 PEM.
        public var pemRepresentation: String {
            guard let pem = try? key.privatePEM() else { preconditionFailure("PEM_write_bio_PrivateKey failed") }
            return pem
        }

        /// Signs `message` with RSASSA-PKCS1-v1_5 and SHA-256 (deterministic).
        public func signature(for message: [UInt8]) throws -> [UInt8] {
            try key.sign(message, digest: .sha256)
        }
    }
}
