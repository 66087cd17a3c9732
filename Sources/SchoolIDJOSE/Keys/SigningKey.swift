import SchoolIDBase
import SchoolIDCrypto

/// A private key that signs JWSs with exactly one algorithm, under one `kid`.
///
/// Not `Encodable` (STYLE §9.4) and its description shows only the algorithm and `kid`.
/// The `kid` is the RFC 7638 thumbprint of ``publicJWK``.
public struct SigningKey: Sendable, CustomStringConvertible {
    enum Backing: Sendable {
        case p256(P256.PrivateKey)
        case ed25519(Ed25519.PrivateKey)
        case rsa(RSA.PrivateKey)
    }

    let backing: Backing
    /// The public half, which verifies what this key signs.
    public let verificationKey: VerificationKey

    /// The only algorithm this key signs with.
    public var algorithm: JWSAlgorithm { verificationKey.algorithm }
    /// The RFC 7638 thumbprint of the public key, written as `kid` in every header.
    public var keyID: String { verificationKey.keyID }
    /// The public key as a JWK with `kid`, `alg` and `use: sig`: what JWKS publishes.
    public var publicJWK: PublicJWK { verificationKey.publicJWK }

    /// Wraps a P-256 private key (signs `ES256`).
    public init(_ key: P256.PrivateKey) {
        let publicKey = key.publicKey
        let jwk = PublicJWK(keyType: "EC", curve: "P-256", x: Base64URL.encode(publicKey.x), y: Base64URL.encode(publicKey.y))
        self.init(backing: .p256(key), verificationKey: VerificationKey(backing: .p256(publicKey), algorithm: .ES256, jwk: jwk))
    }

    /// Wraps an Ed25519 private key (signs `EdDSA`).
    public init(_ key: Ed25519.PrivateKey) {
        let publicKey = key.publicKey
        let jwk = PublicJWK(keyType: "OKP", curve: "Ed25519", x: Base64URL.encode(publicKey.rawRepresentation))
        self.init(backing: .ed25519(key), verificationKey: VerificationKey(backing: .ed25519(publicKey), algorithm: .EdDSA, jwk: jwk))
    }

    /// Wraps an RSA private key (signs `RS256`).
    public init(_ key: RSA.PrivateKey) {
        let publicKey = key.publicKey
        let jwk = PublicJWK(keyType: "RSA", modulus: Base64URL.encode(publicKey.modulus), exponent: Base64URL.encode(publicKey.exponent))
        self.init(backing: .rsa(key), verificationKey: VerificationKey(backing: .rsa(publicKey), algorithm: .RS256, jwk: jwk))
    }

    private init(backing: Backing, verificationKey: VerificationKey) {
        self.backing = backing
        self.verificationKey = verificationKey
    }

    /// Generates a fresh key for `algorithm` with OpenSSL's CSPRNG (RSA keys are 3072 bits).
    /// - Throws: `CryptoError` when OpenSSL fails.
    public static func generate(_ algorithm: JWSAlgorithm) throws -> SigningKey {
        switch algorithm {
        case .ES256: SigningKey(try P256.PrivateKey())
        case .EdDSA: SigningKey(try Ed25519.PrivateKey())
        case .RS256: SigningKey(try RSA.PrivateKey(bits: 3072))
        }
    }

    /// Loads a PKCS#8 PEM private key (the keyring's file format) for `algorithm`.
    /// - Throws: `JOSEError.invalidKey` when the PEM is not a key of that type (or RSA under 2048 bits).
    public init(algorithm: JWSAlgorithm, pemRepresentation pem: String) throws(JOSEError) {
        do {
            switch algorithm {
            case .ES256: self.init(try P256.PrivateKey(pemRepresentation: pem))
            case .EdDSA: self.init(try Ed25519.PrivateKey(pemRepresentation: pem))
            case .RS256: self.init(try RSA.PrivateKey(pemRepresentation: pem))
            }
        } catch {
            throw .invalidKey
        }
    }

    /// The private key as PKCS#8 PEM, for the keyring to write to a 0600 file. Nothing
    /// else should call this: the name is loud on purpose (STYLE §1.4).
    public var unsafePrivateKeyPEMRepresentation: String {
        switch backing {
        case .p256(let key): key.pemRepresentation
        case .ed25519(let key): key.pemRepresentation
        case .rsa(let key): key.pemRepresentation
        }
    }

    /// Signs `message`, returning the JOSE form of the signature (raw `R‖S` for ES256, RFC 7518 §3.4).
    /// - Throws: `CryptoError` when OpenSSL fails.
    func signature(for message: [UInt8]) throws -> [UInt8] {
        switch backing {
        case .p256(let key): try key.signature(for: message).rawRepresentation
        case .ed25519(let key): try key.signature(for: message)
        case .rsa(let key): try key.signature(for: message)
        }
    }

    /// `SigningKey(ES256, kid: …)`: never the key material.
    public var description: String { "SigningKey(\(algorithm.rawValue), kid: \(keyID))" }
}
