import SchoolIDBase
import SchoolIDCrypto

/// Per-owner data keys: each owner (account) gets a random AES-256 key that seals that
/// person's fields, stored wrapped (AES-256-GCM) by the keyring's `data` key.
///
/// The wrapping is itself a ``SealedField`` of `owner_keys.wrapped_key` with the owner id
/// as row id and the `data` key version as key version, so a wrapped key moved to another
/// owner, or relabelled with another data-key version, does not unwrap. Destroying an
/// owner's row crypto-shreds every field sealed under that owner's key.
public struct OwnerKeys: Sendable {
    private let keys: any DataKeyProvider
    private let random: any RandomSource

    /// The first generation of an owner key.
    public static let initialKeyVersion = 1

    /// - Parameters:
    ///   - keys: the keyring's data keys.
    ///   - random: the source of new owner keys.
    public init(keys: any DataKeyProvider, random: any RandomSource) {
        self.keys = keys
        self.random = random
    }

    private static func wrappingContext(_ ownerID: String) -> SealedField.Context {
        SealedField.Context(table: "owner_keys", column: "wrapped_key", rowID: ownerID)
    }

    /// Creates and stores a new key for `ownerID`, wrapped under the current data key.
    /// - Throws: ``StoreError/alreadyExists`` when the owner has one;
    ///   ``SealingError/unknownDataKeyVersion(_:)`` when the keyring lacks its current key.
    /// - Returns: the owner's key, ready to seal fields.
    public func create(for ownerID: String, at now: UnixTime, in store: any OwnerKeyStore) throws -> SealingKey {
        let ownerKey = try SealingKey(key: SymmetricKey(bytes: random.bytes(count: SymmetricKey.byteCount)),
                                      version: Self.initialKeyVersion)
        try store.insert(wrap(ownerKey, for: ownerID, createdAt: now))
        return ownerKey
    }

    /// Unwraps the key of `ownerID`.
    /// - Throws: ``SealingError/ownerKeyMissing`` (none, or shredded),
    ///   ``SealingError/unknownDataKeyVersion(_:)``, ``SealingError/authenticationFailed``.
    /// - Returns: the owner's key.
    public func key(for ownerID: String, in store: any OwnerKeyReader) throws -> SealingKey {
        guard let stored = try store.wrappedKey(for: ownerID) else { throw SealingError.ownerKeyMissing }
        guard let dataKey = keys.dataKey(version: stored.dataKeyVersion) else {
            throw SealingError.unknownDataKeyVersion(stored.dataKeyVersion)
        }
        let field = try SealedField(serialized: stored.wrappedKey)
        let bytes = try field.open(with: SealingKey(key: dataKey, version: stored.dataKeyVersion),
                                   for: Self.wrappingContext(ownerID))
        guard let key = try? SymmetricKey(bytes: bytes) else { throw SealingError.malformed }
        return SealingKey(key: key, version: stored.keyVersion)
    }

    /// Re-wraps the owner's key under the current data key (after a `data` rotation);
    /// the sealed fields are untouched.
    /// - Throws: as ``key(for:in:)``.
    /// - Returns: whether the stored wrapping changed.
    @discardableResult
    public func rewrap(ownerID: String, in store: any OwnerKeyStore) throws -> Bool {
        guard let stored = try store.wrappedKey(for: ownerID) else { throw SealingError.ownerKeyMissing }
        guard stored.dataKeyVersion != keys.currentDataKeyVersion else { return false }
        let ownerKey = try key(for: ownerID, in: store)
        try store.update(wrap(ownerKey, for: ownerID, createdAt: stored.createdAt))
        return true
    }

    /// Destroys the owner's key: every field sealed under it becomes undecryptable.
    /// - Throws: a store error.
    /// - Returns: whether there was a key.
    @discardableResult
    public func destroy(ownerID: String, in store: any OwnerKeyStore) throws -> Bool {
        try store.delete(ownerID: ownerID)
    }

    private func wrap(_ ownerKey: SealingKey, for ownerID: String, createdAt: UnixTime) throws -> WrappedOwnerKey {
        let version = keys.currentDataKeyVersion
        guard let dataKey = keys.dataKey(version: version) else { throw SealingError.unknownDataKeyVersion(version) }
        let wrapped = try SealedField.seal(ownerKey.key.unsafeBytes, under: SealingKey(key: dataKey, version: version),
                                           for: Self.wrappingContext(ownerID))
        return WrappedOwnerKey(ownerID: ownerID, keyVersion: ownerKey.version, wrappedKey: wrapped.serialized,
                               dataKeyVersion: version, createdAt: createdAt)
    }
}
