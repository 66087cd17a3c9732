import SchoolIDCrypto

/// The keyring's symmetric keys for personal data, as the store sees them.
///
/// The `data` key (versioned, rotatable) wraps per-owner keys; the `index` key computes
/// blind indexes; the `otp` key (versioned) hashes one-time codes at rest. None ever
/// appears in a JWKS. The keyring implements this.
public protocol DataKeyProvider: Sendable {
    /// The version new wrappings use.
    var currentDataKeyVersion: Int { get }
    /// The `data` key of `version`, or `nil` when the keyring no longer has it.
    func dataKey(version: Int) -> SymmetricKey?
    /// The HMAC key new blind indexes are computed under (the active `index` key).
    var indexKey: SymmetricKey { get }
    /// Every `index` key a stored blind index may still be under, ``indexKey`` first:
    /// during a re-index (after `keys rotate --purpose index`) rows carry either the
    /// new or the retired key's index, so lookups try each.
    var indexKeys: [SymmetricKey] { get }
    /// The `otp` key version new one-time codes are hashed under.
    var currentOTPKeyVersion: Int { get }
    /// The `otp` key of `version`, or `nil` when the keyring no longer has it.
    func otpKey(version: Int) -> SymmetricKey?
}

extension DataKeyProvider {
    /// A provider with one `index` key looks up under that key alone.
    public var indexKeys: [SymmetricKey] { [indexKey] }
}

/// A key together with the version recorded beside what it seals.
public struct SealingKey: Sendable {
    /// The AES-256 key.
    public let key: SymmetricKey
    /// Its version (bound into the associated data of every field it seals).
    public let version: Int

    /// Pairs a key with its version (positive).
    public init(key: SymmetricKey, version: Int) {
        precondition(version > 0 && version <= Int(UInt32.max), "key versions are positive 32-bit numbers")
        self.key = key
        self.version = version
    }
}

/// Why a sealed field or an owner key could not be used.
public enum SealingError: Error, Hashable, Sendable {
    /// The stored bytes are not a sealed field of a known format.
    case malformed
    /// The field was sealed under another key version than the key offered.
    case keyVersionMismatch(sealed: Int, offered: Int)
    /// Decryption failed: wrong key, or the ciphertext, tag, or its place (table,
    /// column, row, key version) changed since sealing.
    case authenticationFailed
    /// The owner has no key: never created, or destroyed (crypto-shredded).
    case ownerKeyMissing
    /// The keyring no longer holds the `data` key version that wraps an owner key.
    case unknownDataKeyVersion(Int)
}
