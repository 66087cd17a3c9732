import SchoolIDBase
import SchoolIDCrypto

/// A requested change of an account's phone or email, waiting for the code sent to the
/// new value (security settings).
///
/// Keyed by its ``Challenge``: the challenge holds the code, attempts and expiry; this
/// row holds what the code confirms. The new value is personal data, sealed under the
/// account's owner key (context `contact_changes.value.<challenge id>`), so deleting the
/// owner key crypto-shreds pending changes too. A ``decoy`` change was asked for a value
/// that another account has verified: the requester gets the same answer, the owner
/// of the value gets a notice instead of a code, and confirming always fails
/// (anti-enumeration: the reply does not reveal who holds a phone or address).
public struct ContactChange: Hashable, Sendable {
    /// The challenge whose code confirms the change.
    public var challengeID: Challenge.ID
    public var accountID: Account.ID
    public var kind: AccountContact.Kind
    /// The sealed new value (serialized ``SealedField``).
    public var value: [UInt8]
    /// Blind index of the new value, as ``AccountContact/valueIndex``.
    public var valueIndex: [UInt8]
    /// Whether the value belonged to another account when the change was asked.
    public var decoy: Bool
    public var createdAt: UnixTime
    public var expiresAt: UnixTime

    public init(challengeID: Challenge.ID, accountID: Account.ID, kind: AccountContact.Kind, value: [UInt8],
                valueIndex: [UInt8], decoy: Bool, createdAt: UnixTime, expiresAt: UnixTime)
    {
        self.challengeID = challengeID
        self.accountID = accountID
        self.kind = kind
        self.value = value
        self.valueIndex = valueIndex
        self.decoy = decoy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// A change to `destination`, its value sealed under the owner's key.
    /// - Throws: a sealing error.
    public init(challengeID: Challenge.ID, destination: OTPDestination, accountID: Account.ID, ownerKey: SealingKey,
                indexKey: SymmetricKey, decoy: Bool, now: UnixTime, expiresAt: UnixTime) throws
    {
        self.init(challengeID: challengeID, accountID: accountID, kind: AccountContact.Kind(destination),
                  value: try SealedField.seal(destination.normalizedText, under: ownerKey,
                                              for: Self.context(challengeID)).serialized,
                  valueIndex: destination.contactIndex(key: indexKey).bytes, decoy: decoy, createdAt: now,
                  expiresAt: expiresAt)
    }

    /// Opens the new value.
    /// - Throws: a sealing error, or `DomainError` when the stored value no longer parses.
    public func destination(ownerKey: SealingKey) throws -> OTPDestination {
        let text = try SealedField(serialized: value).openString(with: ownerKey, for: Self.context(challengeID))
        switch kind {
        case .phone: return .phone(try PhoneNumber(parsing: text))
        case .email: return .email(try Email(parsing: text))
        }
    }

    static func context(_ challengeID: Challenge.ID) -> SealedField.Context {
        SealedField.Context(table: "contact_changes", column: "value", rowID: challengeID.rawValue)
    }
}
