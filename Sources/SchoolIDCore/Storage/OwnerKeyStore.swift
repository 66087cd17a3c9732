import SchoolIDBase

/// An owner's data key as stored: sealed under the keyring's `data` key.
///
/// Each owner (an account) has its own random AES-256 key that seals that person's
/// fields; destroying the row crypto-shreds them.
public struct WrappedOwnerKey: Sendable, Hashable {
    /// The owner (account) identifier.
    public var ownerID: String
    /// The owner key's generation; fields sealed under it carry this as their key version.
    public var keyVersion: Int
    /// The sealed key bytes (a serialized `SealedField`).
    public var wrappedKey: [UInt8]
    /// The version of the keyring's `data` key that wraps it.
    public var dataKeyVersion: Int
    /// When the key was created.
    public var createdAt: UnixTime

    /// Creates a record.
    public init(ownerID: String, keyVersion: Int, wrappedKey: [UInt8], dataKeyVersion: Int, createdAt: UnixTime) {
        self.ownerID = ownerID
        self.keyVersion = keyVersion
        self.wrappedKey = wrappedKey
        self.dataKeyVersion = dataKeyVersion
        self.createdAt = createdAt
    }
}

/// Reads per-owner keys inside a transaction.
public protocol OwnerKeyReader {
    /// The owner's key, or `nil` when there is none (never created, or shredded).
    /// - Throws: a backend error.
    func wrappedKey(for ownerID: String) throws -> WrappedOwnerKey?
}

/// Reads and changes per-owner keys inside a write transaction.
public protocol OwnerKeyStore: OwnerKeyReader {
    /// Stores a new owner key.
    /// - Throws: ``StoreError/alreadyExists`` when the owner already has one.
    func insert(_ key: WrappedOwnerKey) throws

    /// Replaces an owner's key record (re-wrapping under a new `data` key version).
    /// - Throws: ``StoreError/notFound`` when the owner has none.
    func update(_ key: WrappedOwnerKey) throws

    /// Deletes the owner's key: every field sealed under it becomes undecryptable.
    /// - Returns: whether a key was deleted.
    /// - Throws: a backend error.
    @discardableResult
    func delete(ownerID: String) throws -> Bool
}
