/// Why a JOSE object (JWS, JWT, JWK) was rejected.
///
/// A struct over a private code (STYLE §3.2) so that new reasons can be added without
/// breaking callers, who compare against the static members:
/// `#expect(throws: JOSEError.expired) { … }`. The description is safe to log and to
/// show to clients: it never contains token bytes, keys or claim values.
public struct JOSEError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: String, Hashable, Sendable {
        case malformed
        case oversized
        case unsupportedAlgorithm
        case algorithmMismatch
        case unknownKeyID
        case invalidSignature
        case invalidKey
        case expired
        case notYetValid
        case issuedInFuture
        case wrongIssuer
        case wrongAudience
        case missingClaim
        case wrongType
        case criticalHeader
        case privateKeyMaterial
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The compact serialization, a header, the claims or a JWK is not well-formed
    /// (wrong part count, non-canonical base64url, invalid JSON, a member of the wrong type).
    public static let malformed = JOSEError(.malformed)
    /// The compact serialization is longer than the configured limit.
    public static let oversized = JOSEError(.oversized)
    /// The `alg` is not on the allow-list (`ES256`, `EdDSA`, `RS256`): `none`, `HS256` and
    /// anything else, or a JWK whose `kty`/`crv`/`alg` names no supported algorithm.
    public static let unsupportedAlgorithm = JOSEError(.unsupportedAlgorithm)
    /// The header's `alg` differs from the algorithm of the key selected by `kid`.
    public static let algorithmMismatch = JOSEError(.algorithmMismatch)
    /// The header has no `kid`, or its `kid` is not in the key set (never a fallback key).
    public static let unknownKeyID = JOSEError(.unknownKeyID)
    /// The signature does not verify, or has the wrong length for the algorithm.
    public static let invalidSignature = JOSEError(.invalidSignature)
    /// The key material in a JWK or PEM is unusable (not on the curve, RSA under 2048 bits…).
    public static let invalidKey = JOSEError(.invalidKey)
    /// The current time is at or after `exp` (plus leeway), RFC 7519 §4.1.4.
    public static let expired = JOSEError(.expired)
    /// The current time is before `nbf` (minus leeway), RFC 7519 §4.1.5.
    public static let notYetValid = JOSEError(.notYetValid)
    /// `iat` lies in the future beyond the leeway, RFC 7519 §4.1.6.
    public static let issuedInFuture = JOSEError(.issuedInFuture)
    /// `iss` is not the expected issuer, RFC 7519 §4.1.1.
    public static let wrongIssuer = JOSEError(.wrongIssuer)
    /// `aud` does not contain the expected audience, RFC 7519 §4.1.3.
    public static let wrongAudience = JOSEError(.wrongAudience)
    /// A claim the validation requires (`iss`, `aud`, `exp`) is absent.
    public static let missingClaim = JOSEError(.missingClaim)
    /// The header's `typ` is not the expected one (RFC 8725 §3.11 explicit typing).
    public static let wrongType = JOSEError(.wrongType)
    /// The header carries `crit`: no extension is understood, so RFC 7515 §4.1.11 requires rejection.
    public static let criticalHeader = JOSEError(.criticalHeader)
    /// A public JWK or JWKS carries private key members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`).
    public static let privateKeyMaterial = JOSEError(.privateKeyMaterial)

    public var description: String { "JOSEError.\(code.rawValue)" }
}
