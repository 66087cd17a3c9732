import SchoolIDBase

/// One entry of the keyring manifest (`keys/keyring.json`): metadata only, never key
/// material. The material sits in `file`, relative to the keyring directory, mode 0600.
public struct KeyRecord: Sendable, Codable, Hashable {
    /// Signing keys: the RFC 7638 thumbprint of the public JWK. Symmetric keys: `v<N>`.
    public var id: String
    public var purpose: KeyPurpose
    /// JWA algorithm for signing keys; `nil` for symmetric keys.
    public var algorithm: String?
    /// Symmetric keys: the version bound into associated data and HMAC inputs.
    public var version: Int?
    public var state: KeyState
    public var file: String
    public var createdAt: UnixTime
    public var activatedAt: UnixTime?
    public var retiredAt: UnixTime?

    enum CodingKeys: String, CodingKey {
        case id, purpose, algorithm = "alg", version, state, file
        case createdAt = "created_at", activatedAt = "activated_at", retiredAt = "retired_at"
    }
}

/// The manifest file: every key the keyring holds, with its state.
struct KeyManifest: Codable {
    var version: Int
    var keys: [KeyRecord]
}
