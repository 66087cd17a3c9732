import SchoolIDBase
import SchoolIDCrypto

/// The SNILS of an account: at most one per account, entered by the person
/// (``Status/declared``) or by staff who saw the document (``Status/verified``).
///
/// Stored the way contacts are (``AccountContact``): the number is sealed under the
/// account's owner key (context `snils.value.<account>`, so destroying the owner key
/// crypto-shreds it) and ``valueIndex`` is a blind index of its 11 digits
/// (``SNILS/blindIndex(key:)``) for equality lookups. A *verified* SNILS belongs to one
/// account at most; declared values may repeat (anyone can type anyone's number, so a
/// declaration proves nothing and must never block the real holder).
public struct AccountSNILS: Hashable, Sendable {
    /// Who vouched for the number. Raw values are stored as text.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// Typed by the person themselves.
        case declared
        /// Entered or confirmed by staff who saw the document.
        case verified
    }

    public var accountID: Account.ID
    /// The sealed 11 digits (serialized ``SealedField``).
    public var value: [UInt8]
    /// Blind index of the 11 digits under the keyring's `index` key.
    public var valueIndex: [UInt8]
    public var status: Status
    public var createdAt: UnixTime
    public var updatedAt: UnixTime

    public init(accountID: Account.ID, value: [UInt8], valueIndex: [UInt8], status: Status, createdAt: UnixTime,
                updatedAt: UnixTime? = nil)
    {
        self.accountID = accountID
        self.value = value
        self.valueIndex = valueIndex
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// A record of `snils`, sealed under the owner's key.
    /// - Parameters:
    ///   - snils: the number.
    ///   - accountID: the owner.
    ///   - status: declared or verified.
    ///   - ownerKey: the owner's key (``OwnerKeys/key(for:in:)``).
    ///   - indexKey: the keyring's `index` key.
    ///   - createdAt: when the account first had a SNILS.
    ///   - now: the time of this change.
    /// - Throws: a sealing error.
    public init(snils: SNILS, accountID: Account.ID, status: Status, ownerKey: SealingKey, indexKey: SymmetricKey,
                createdAt: UnixTime, now: UnixTime) throws
    {
        self.init(accountID: accountID,
                  value: try SealedField.seal(snils.digits, under: ownerKey, for: Self.context(accountID)).serialized,
                  valueIndex: snils.blindIndex(key: indexKey).bytes, status: status, createdAt: createdAt, updatedAt: now)
    }

    /// Whether staff vouched for the number.
    public var isVerified: Bool { status == .verified }

    /// Opens the number.
    /// - Parameter ownerKey: the owner's key.
    /// - Throws: a sealing error, or `DomainError(.snilsInvalid)` when the stored digits
    ///   no longer parse.
    /// - Returns: the SNILS.
    public func snils(ownerKey: SealingKey) throws -> SNILS {
        try SNILS(parsing: try SealedField(serialized: value).openString(with: ownerKey, for: Self.context(accountID)))
    }

    static func context(_ accountID: Account.ID) -> SealedField.Context {
        SealedField.Context(table: "snils", column: "value", rowID: accountID.rawValue)
    }
}

extension SNILS {
    /// The blind index stored in `snils.value_index`: HMAC of the 11 digits (no
    /// separators, so every way of typing a number finds the same row).
    /// - Parameter key: the keyring's `index` key.
    public func blindIndex(key: SymmetricKey) -> BlindIndex {
        BlindIndex(digits, table: "snils", column: "value", key: key)
    }
}
