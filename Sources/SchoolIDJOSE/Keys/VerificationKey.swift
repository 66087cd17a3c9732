import SchoolIDBase
import SchoolIDCrypto

/// A public key bound to exactly one JWS algorithm and one `kid`.
///
/// The algorithm comes from the key, never from a token header (RFC 8725 §3.1, STYLE §9.2):
/// an EC P-256 key verifies `ES256` only, an OKP Ed25519 key `EdDSA` only, an RSA key
/// (at least 2048 bits) `RS256` only.
public struct VerificationKey: Sendable {
    enum Backing: Sendable {
        case p256(P256.PublicKey)
        case ed25519(Ed25519.PublicKey)
        case rsa(RSA.PublicKey)
    }

    let backing: Backing
    /// The only algorithm this key verifies.
    public let algorithm: JWSAlgorithm
    /// The key's `kid`: the JWK's own `kid`, or its RFC 7638 thumbprint when it has none.
    public let keyID: String
    /// The key as a public JWK, with `kid`, `alg` and `use: sig` filled in.
    public let publicJWK: PublicJWK

    init(backing: Backing, algorithm: JWSAlgorithm, jwk: PublicJWK) {
        self.backing = backing
        self.algorithm = algorithm
        var jwk = jwk
        jwk.algorithm = algorithm.rawValue
        jwk.use = "sig"
        if jwk.keyID == nil { jwk.keyID = jwk.canonicalThumbprint() }
        keyID = jwk.keyID!
        publicJWK = jwk
    }

    /// Imports a public JWK, checking that `kty`, `crv`, `alg` and `use` agree.
    ///
    /// - Throws: `JOSEError.unsupportedAlgorithm` for another `kty`/`crv`, an `alg` off the
    ///   allow-list or a `use` other than `sig` (RFC 7517 §5 lets a set's user skip such keys);
    ///   `.algorithmMismatch` when `alg` names an allowed algorithm that does not fit the key
    ///   type; `.malformed` for missing or non-base64url members; `.invalidKey` for key
    ///   material OpenSSL refuses (a point off the curve, RSA under 2048 bits).
    public init(jwk: PublicJWK) throws(JOSEError) {
        if let use = jwk.use, use != "sig" { throw .unsupportedAlgorithm }
        let algorithm = try Self.algorithm(for: jwk)
        if let declared = jwk.algorithm, declared != algorithm.rawValue {
            throw JWSAlgorithm(rawValue: declared) == nil ? .unsupportedAlgorithm : .algorithmMismatch
        }
        let backing: Backing
        do {
            switch algorithm {
            case .ES256:
                let x = try Self.bytes(jwk.x, count: 32), y = try Self.bytes(jwk.y, count: 32)
                backing = .p256(try P256.PublicKey(x: x, y: y))
            case .EdDSA:
                backing = .ed25519(try Ed25519.PublicKey(rawRepresentation: try Self.bytes(jwk.x, count: 32)))
            case .RS256:
                let modulus = try Self.bytes(jwk.modulus), exponent = try Self.bytes(jwk.exponent)
                backing = .rsa(try RSA.PublicKey(modulus: modulus, exponent: exponent))
            }
        } catch let error as JOSEError {
            throw error
        } catch {
            throw .invalidKey
        }
        self.init(backing: backing, algorithm: algorithm, jwk: jwk)
    }

    /// Whether `signature` (JOSE form) is valid for `message`; wrong lengths are simply invalid.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        switch backing {
        case .p256(let key):
            // RFC 7518 §3.4: exactly 64 bytes R‖S; anything else (e.g. DER) is invalid.
            guard signature.count == 64, let ecdsa = try? ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(ecdsa, for: message)
        case .ed25519(let key):
            return signature.count == 64 && key.isValidSignature(signature, for: message)
        case .rsa(let key):
            return signature.count == (key.bitCount + 7) / 8 && key.isValidSignature(signature, for: message)
        }
    }

    private static func algorithm(for jwk: PublicJWK) throws(JOSEError) -> JWSAlgorithm {
        switch (jwk.keyType, jwk.curve) {
        case ("EC", "P-256"): .ES256
        case ("OKP", "Ed25519"): .EdDSA
        case ("RSA", nil): .RS256
        default: throw .unsupportedAlgorithm
        }
    }

    private static func bytes(_ member: String?, count: Int? = nil) throws(JOSEError) -> [UInt8] {
        guard let member, let bytes = Base64URL.decode(member), !bytes.isEmpty else { throw .malformed }
        if let count, bytes.count != count { throw .invalidKey }
        return bytes
    }
}

extension PublicJWK {
    /// The thumbprint of a JWK this module built itself from valid key material.
    func canonicalThumbprint() -> String {
        guard let thumbprint = try? thumbprint() else {
            preconditionFailure("a JWK built from a parsed key always has its required members")
        }
        return thumbprint
    }
}
