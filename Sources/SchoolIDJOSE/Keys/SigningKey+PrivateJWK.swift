import SchoolIDBase
import SchoolIDCrypto

extension SigningKey {
    /// Imports a private JWK (RFC 7518 §6.2.2 EC, §6.3.2 RSA with all CRT members, RFC 8037 §2 OKP).
    ///
    /// The private key must match the public members in the same JWK: a JWK whose `d`
    /// does not produce its `x`/`y` (or whose RSA members do not give its `n`/`e`) is
    /// rejected rather than silently signing under a different public key. A declared
    /// `alg` must fit the key type. The JWK's own `kid` is ignored: SigningKey IDs are thumbprints.
    /// - Throws: `JOSEError.unsupportedAlgorithm`, `.algorithmMismatch`, `.malformed`, `.invalidKey`.
    public init(privateJWK jwk: PrivateJWK) throws(JOSEError) {
        // Validates kty/crv/alg/use and the public members first.
        let expected = try VerificationKey(jwk: jwk.publicJWK)
        let key: SigningKey
        do {
            switch expected.algorithm {
            case .ES256: key = SigningKey(try P256.PrivateKey(rawRepresentation: try Self.member(jwk.d)))
            case .EdDSA: key = SigningKey(try Ed25519.PrivateKey(rawRepresentation: try Self.member(jwk.d)))
            case .RS256:
                let components = RSA.PrivateComponents(
                    n: try Self.member(jwk.n), e: try Self.member(jwk.e), d: try Self.member(jwk.d),
                    p: try Self.member(jwk.p), q: try Self.member(jwk.q),
                    dp: try Self.member(jwk.dp), dq: try Self.member(jwk.dq), qi: try Self.member(jwk.qi))
                key = SigningKey(try RSA.PrivateKey(components: components))
            }
        } catch let error as JOSEError {
            throw error
        } catch {
            throw .invalidKey
        }
        guard key.keyID == (try? expected.publicJWK.thumbprint()) else { throw .invalidKey }
        self = key
    }

    private static func member(_ value: String?) throws(JOSEError) -> [UInt8] {
        guard let value, let bytes = Base64URL.decode(value), !bytes.isEmpty else { throw .malformed }
        return bytes
    }
}
