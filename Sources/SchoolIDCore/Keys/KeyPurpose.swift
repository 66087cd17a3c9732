/// What a key in the keyring is for. Each purpose has its own key sets so a key can
/// never sign something it was not meant for (RFC 8725 §3.12).
public enum KeyPurpose: String, Sendable, Codable, CaseIterable {
    /// Signs access and ID tokens; published in `/.well-known/jwks.json`.
    case token
    /// Signs acknowledgement receipts; published on its own endpoint, never removed.
    case ack
    /// AES-256-GCM key that wraps per-owner keys for personal data.
    case data
    /// HMAC key for blind indexes (lookups over sealed personal data).
    case index
    /// HMAC key for one-time codes at rest.
    case otp

    /// True for the purposes whose keys are asymmetric signing keys.
    public var isSigning: Bool { self == .token || self == .ack }

    /// The signature algorithms a signing purpose carries (JWA names).
    public var algorithms: [String] {
        switch self {
        case .token: ["ES256", "EdDSA", "RS256"]
        case .ack: ["ES256", "EdDSA"]
        case .data, .index, .otp: []
        }
    }
}

/// Where a key is in its life: `next` is published but not used to sign, `active`
/// signs (or encrypts), `retired` only verifies (or decrypts).
public enum KeyState: String, Sendable, Codable, Comparable {
    case next, active, retired

    private var order: Int { switch self { case .next: 0; case .active: 1; case .retired: 2 } }
    public static func < (lhs: KeyState, rhs: KeyState) -> Bool { lhs.order < rhs.order }
}
