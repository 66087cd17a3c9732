import SchoolIDBase

/// A second authentication factor bound to an account (NIST SP 800-63B-4 §5.1):
/// a TOTP authenticator app, or SMS codes to the account's verified phone (a
/// restricted authenticator, §5.1.3.3, offered only beside a stronger alternative).
///
/// An account holds at most one factor of each kind. A TOTP factor is unconfirmed
/// (``confirmedAt`` is `nil`) until the first code from the app is typed back; only a
/// confirmed factor counts at login.
public struct SecondFactor: Hashable, Sendable {
    /// Which factor. Raw values are stored as text.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case totp
        case sms
    }

    public var accountID: Account.ID
    public var kind: Kind
    /// The TOTP shared key, a serialized ``SealedField`` under the owner's key (context
    /// ``context(_:_:)``); `nil` for SMS, whose codes go to the verified phone.
    public var secret: [UInt8]?
    public var createdAt: UnixTime
    /// When the first code confirmed it; `nil` while enrolment waits.
    public var confirmedAt: UnixTime?
    /// The last TOTP step accepted (RFC 6238 §5.2: an OTP is accepted once).
    public var lastUsedStep: Int64?
    public var lastUsedAt: UnixTime?

    public init(accountID: Account.ID, kind: Kind, secret: [UInt8]?, createdAt: UnixTime, confirmedAt: UnixTime? = nil,
                lastUsedStep: Int64? = nil, lastUsedAt: UnixTime? = nil)
    {
        self.accountID = accountID
        self.kind = kind
        self.secret = secret
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.lastUsedStep = lastUsedStep
        self.lastUsedAt = lastUsedAt
    }

    /// Whether the factor counts at login.
    public var isConfirmed: Bool { confirmedAt != nil }

    /// Where a factor's secret is sealed: `second_factors.secret.<account>:<kind>`.
    public static func context(_ accountID: Account.ID, _ kind: Kind) -> SealedField.Context {
        SealedField.Context(table: "second_factors", column: "secret", rowID: "\(accountID.rawValue):\(kind.rawValue)")
    }

    /// Opens the TOTP key.
    /// - Parameter ownerKey: the account's owner key.
    /// - Throws: ``SealingError`` (``SealingError/malformed`` when there is no secret).
    /// - Returns: the raw shared key.
    public func openSecret(ownerKey: SealingKey) throws -> [UInt8] {
        guard let secret else { throw SealingError.malformed }
        return try SealedField(serialized: secret).open(with: ownerKey, for: Self.context(accountID, kind))
    }
}
