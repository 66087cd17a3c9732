import SchoolIDBase
import SchoolIDCrypto

/// A phone number or email address of an account: where its codes, reminders and
/// notices go, and how a person who forgot their login is found.
///
/// An account holds at most one contact of each kind. The value is personal data,
/// sealed under the account's owner key (context `contacts.value.<account>:<kind>`, so
/// deleting the owner key crypto-shreds it); ``valueIndex`` is a blind index of the
/// normalised value (``OTPDestination/contactIndex(key:)``) for lookups. A contact
/// counts for recovery and notices only once verified by a code (``verifiedAt``); a
/// verified value belongs to one account at most (NIST SP 800-63B-4 §4.2: recovery
/// goes through verified contacts, never through security questions).
public struct AccountContact: Hashable, Sendable {
    /// Which contact. Raw values are stored as text.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case phone
        case email
    }

    public var accountID: Account.ID
    public var kind: Kind
    /// The sealed value (serialized ``SealedField``): E.164 phone or email address.
    public var value: [UInt8]
    /// Blind index of the normalised value under the keyring's `index` key.
    public var valueIndex: [UInt8]
    /// When a code sent to it was typed back; `nil` while unverified.
    public var verifiedAt: UnixTime?
    public var createdAt: UnixTime
    public var updatedAt: UnixTime

    public init(accountID: Account.ID, kind: Kind, value: [UInt8], valueIndex: [UInt8], verifiedAt: UnixTime?,
                createdAt: UnixTime, updatedAt: UnixTime? = nil)
    {
        self.accountID = accountID
        self.kind = kind
        self.value = value
        self.valueIndex = valueIndex
        self.verifiedAt = verifiedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// A contact for `destination`, its value sealed under the owner's key.
    /// - Parameters:
    ///   - destination: the phone or email address.
    ///   - accountID: the owner.
    ///   - ownerKey: the owner's key (``OwnerKeys/key(for:in:)``).
    ///   - indexKey: the keyring's `index` key.
    ///   - verifiedAt: when it was verified, or `nil`.
    ///   - now: creation time.
    /// - Throws: a sealing error.
    public init(destination: OTPDestination, accountID: Account.ID, ownerKey: SealingKey, indexKey: SymmetricKey,
                verifiedAt: UnixTime?, now: UnixTime) throws
    {
        let kind = Kind(destination)
        self.init(accountID: accountID, kind: kind,
                  value: try SealedField.seal(destination.normalizedText, under: ownerKey,
                                              for: Self.context(accountID, kind)).serialized,
                  valueIndex: destination.contactIndex(key: indexKey).bytes, verifiedAt: verifiedAt, createdAt: now)
    }

    /// Whether a code sent to it was typed back.
    public var isVerified: Bool { verifiedAt != nil }

    /// Opens the value.
    /// - Parameter ownerKey: the owner's key.
    /// - Throws: a sealing error, or `DomainError` when the stored value no longer parses.
    /// - Returns: the destination to send to.
    public func destination(ownerKey: SealingKey) throws -> OTPDestination {
        let text = try SealedField(serialized: value).openString(with: ownerKey, for: Self.context(accountID, kind))
        switch kind {
        case .phone: return .phone(try PhoneNumber(parsing: text))
        case .email: return .email(try Email(parsing: text))
        }
    }

    static func context(_ accountID: Account.ID, _ kind: Kind) -> SealedField.Context {
        SealedField.Context(table: "contacts", column: "value", rowID: "\(accountID.rawValue):\(kind.rawValue)")
    }
}

extension AccountContact.Kind {
    /// The kind that holds `destination`.
    public init(_ destination: OTPDestination) {
        switch destination {
        case .phone: self = .phone
        case .email: self = .email
        }
    }
}

extension OTPDestination {
    /// The blind index stored in `contacts.value_index`: the same normalised text as
    /// ``index(key:)``, under another label, so a challenge's index cannot be joined
    /// with a contact's.
    /// - Parameter key: the keyring's `index` key.
    public func contactIndex(key: SymmetricKey) -> BlindIndex {
        BlindIndex(normalizedText, table: "contacts", column: "value", key: key)
    }
}
