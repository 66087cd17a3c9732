import SchoolIDBase

/// A guardian's self-registration between `POST /v1/registrations` and the account it
/// becomes.
///
/// No account exists yet, so the personal details (names, phone, email, chosen login,
/// language) are one ``SealedField`` under the keyring's current `data` key (context
/// `registrations.details.<id>`, see ``RegistrationDetails``), and the password is kept
/// only as its PHC hash, computed before the unit of work. The phone is also kept as a
/// blind index for the owner lookup.
///
/// A registration whose phone already belongs to an account is a ``decoy``: the code
/// challenge is issued (same throttles, same response) but the owner receives a notice
/// instead of the code, and confirming always fails (anti-enumeration, OWASP ASVS 5.0
/// V6.3.7). Life cycle: pending → phone verified (``phoneVerifiedAt``, the code is
/// spent) → completed (``completedAt`` and ``accountID``). Pending rows are garbage
/// after ``expiresAt`` (`registration.json` `pending_seconds`).
public struct PendingRegistration: Hashable, Sendable {
    /// The kind tag of registration identifiers (`reg_…`).
    public enum Kind: IdentifierKind {
        public static let prefix = "reg"
        public static let noun = "a registration identifier"
    }

    /// A registration identifier.
    public typealias ID = Identifier<Kind>

    public var id: ID
    /// The phone (SMS) challenge of the registration.
    public var challengeID: Challenge.ID
    /// Serialized ``SealedField`` of ``RegistrationDetails`` under the `data` key.
    public var details: [UInt8]
    /// PHC string of the chosen password.
    public var passwordHash: String
    /// Blind index of the phone (``OTPDestination/contactIndex(key:)``).
    public var phoneIndex: [UInt8]
    /// Whether the phone already belonged to an account at start (confirming never succeeds).
    public var decoy: Bool
    public var createdAt: UnixTime
    /// The registration is gone from this instant on.
    public var expiresAt: UnixTime
    /// When the phone code was accepted.
    public var phoneVerifiedAt: UnixTime?
    /// When the account was created.
    public var completedAt: UnixTime?
    /// The account created.
    public var accountID: Account.ID?
    /// The email-verification challenge sent when the account was created, if any.
    public var emailChallengeID: Challenge.ID?
    /// The consent text version accepted at start (`nil` on rows from before consents).
    public var consentVersion: Int?
    /// The channel of the start request, recorded with the account's own consent.
    public var consentChannel: ConsentRecord.Channel?

    public init(id: ID, challengeID: Challenge.ID, details: [UInt8], passwordHash: String, phoneIndex: [UInt8],
                decoy: Bool, createdAt: UnixTime, expiresAt: UnixTime, phoneVerifiedAt: UnixTime? = nil,
                completedAt: UnixTime? = nil, accountID: Account.ID? = nil, emailChallengeID: Challenge.ID? = nil,
                consentVersion: Int? = nil, consentChannel: ConsentRecord.Channel? = nil)
    {
        self.consentVersion = consentVersion
        self.consentChannel = consentChannel
        self.id = id
        self.challengeID = challengeID
        self.details = details
        self.passwordHash = passwordHash
        self.phoneIndex = phoneIndex
        self.decoy = decoy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.phoneVerifiedAt = phoneVerifiedAt
        self.completedAt = completedAt
        self.accountID = accountID
        self.emailChallengeID = emailChallengeID
    }

    /// Whether the registration is past its lifetime at `now`.
    public func isExpired(at now: UnixTime) -> Bool { now >= expiresAt }
}
