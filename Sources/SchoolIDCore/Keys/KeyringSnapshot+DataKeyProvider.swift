import SchoolIDCrypto

/// The keyring is the production source of the `data` and `index` keys for sealed
/// fields and blind indexes.
extension KeyringSnapshot: DataKeyProvider {
    /// The `data` key version that wraps new owner keys. A snapshot exists only after
    /// ``KeyringDirectory/load()`` checked that exactly one `data` key is active.
    public var currentDataKeyVersion: Int { activeSymmetricKey(.data)!.version }

    /// Any `data` key version still in the keyring (retired ones unwrap older owner keys).
    public func dataKey(version: Int) -> SymmetricKey? { symmetricKey(.data, version: version) }

    /// The active `index` key (exactly one, checked at load).
    public var indexKey: SymmetricKey { activeSymmetricKey(.index)!.key }
}
