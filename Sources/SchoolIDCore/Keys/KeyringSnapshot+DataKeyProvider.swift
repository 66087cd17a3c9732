import SchoolIDCrypto

/// The keyring is the production source of the `data`, `index` and `otp` keys for
/// sealed fields, blind indexes and one-time code hashes.
extension KeyringSnapshot: DataKeyProvider {
    /// The `data` key version that wraps new owner keys. A snapshot exists only after
    /// ``KeyringDirectory/load()`` checked that exactly one `data` key is active.
    public var currentDataKeyVersion: Int { activeSymmetricKey(.data)!.version }

    /// Any `data` key version still in the keyring (retired ones unwrap older owner keys).
    public func dataKey(version: Int) -> SymmetricKey? { symmetricKey(.data, version: version) }

    /// The active `index` key (exactly one, checked at load).
    public var indexKey: SymmetricKey { activeSymmetricKey(.index)!.key }

    /// The active `index` key, then every retired one still in the keyring (newest
    /// first): a re-index has not necessarily reached every row yet.
    public var indexKeys: [SymmetricKey] {
        let retired = records.filter { $0.purpose == .index && $0.state == .retired }.compactMap(\.version).sorted(by: >)
        return [indexKey] + retired.compactMap { symmetricKey(.index, version: $0) }
    }

    /// The active `otp` key version (exactly one active, checked at load).
    public var currentOTPKeyVersion: Int { activeSymmetricKey(.otp)!.version }

    /// Any `otp` key version still in the keyring (a code issued just before a rotation
    /// still verifies under the retired one).
    public func otpKey(version: Int) -> SymmetricKey? { symmetricKey(.otp, version: version) }
}
