import SchoolIDBase

/// A one-time code sent to a phone or an email address, waiting to be typed back.
///
/// The code itself is never stored: only ``codeHash``, an HMAC-SHA-256 under the
/// keyring's `otp` key (see ``OTPCode``), and the destination only as a blind index.
/// ASVS 5.0 V6.5.4–V6.5.5, NIST SP 800-63B-4 §3.1.3 (out-of-band authenticators): at
/// most ``attemptsLeft`` wrong guesses, valid until ``expiresAt``, single use
/// (``consumedAt``). A resent code replaces the hash but never restores attempts.
public struct Challenge: Hashable, Sendable {
    /// The kind tag of challenge identifiers (`chl_…`).
    public enum Kind: IdentifierKind {
        public static let prefix = "chl"
        public static let noun = "a challenge identifier"
    }

    /// A challenge identifier.
    public typealias ID = Identifier<Kind>

    /// What confirming the code proves or allows. Raw values are stored as text.
    public enum Purpose: String, Hashable, Sendable, CaseIterable {
        /// Confirms the phone of a guardian registering themselves.
        case registration
        /// Confirms a new phone number of an account.
        case phoneChange = "phone_change"
        /// Confirms a new email address of an account.
        case emailChange = "email_change"
        /// Proves control of a verified contact to set a new password.
        case passwordRecovery = "password_recovery"
        /// A second factor at login.
        case secondFactor = "second_factor"
        /// Signs an acknowledgement (a parent's confirmation of a document).
        case acknowledgement
    }

    /// How the code travels. Raw values are stored as text.
    public enum Channel: String, Hashable, Sendable, CaseIterable {
        case sms
        case email
    }

    public var id: ID
    public var purpose: Purpose
    public var channel: Channel
    /// The account the challenge is about (`nil` while registering).
    public var accountID: Account.ID?
    /// Blind index of the normalised destination (``OTPDestination/index(key:)``).
    public var destinationIndex: [UInt8]
    /// HMAC of the current code (``OTPCode/hash(_:challengeID:key:)``).
    public var codeHash: [UInt8]
    /// The `otp` key version ``codeHash`` was made with.
    public var codeKeyVersion: Int
    public var createdAt: UnixTime
    /// The current code is refused from this instant on.
    public var expiresAt: UnixTime
    /// Wrong guesses still allowed; at 0 the challenge is burnt.
    public var attemptsLeft: Int
    /// How many codes were sent (1 after issue, +1 per resend).
    public var sendCount: Int
    public var lastSentAt: UnixTime
    /// When the right code was accepted (then the challenge is used up).
    public var consumedAt: UnixTime?

    public init(id: ID, purpose: Purpose, channel: Channel, accountID: Account.ID?, destinationIndex: [UInt8],
                codeHash: [UInt8], codeKeyVersion: Int, createdAt: UnixTime, expiresAt: UnixTime, attemptsLeft: Int,
                sendCount: Int = 1, lastSentAt: UnixTime? = nil, consumedAt: UnixTime? = nil)
    {
        self.id = id
        self.purpose = purpose
        self.channel = channel
        self.accountID = accountID
        self.destinationIndex = destinationIndex
        self.codeHash = codeHash
        self.codeKeyVersion = codeKeyVersion
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.attemptsLeft = attemptsLeft
        self.sendCount = sendCount
        self.lastSentAt = lastSentAt ?? createdAt
        self.consumedAt = consumedAt
    }

    /// Whether the current code is past its lifetime at `now`.
    public func isExpired(at now: UnixTime) -> Bool { now >= expiresAt }
}
