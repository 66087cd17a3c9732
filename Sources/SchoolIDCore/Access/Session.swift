import SchoolIDBase
import SchoolIDCrypto

/// A browser or API session, or a password-change ticket, stored by the SHA-256 hash
/// of its secret token (the token itself only ever exists in the cookie or header).
public struct Session: Hashable, Sendable {
    /// What the token is good for.
    public enum Purpose: String, Hashable, Sendable, CaseIterable {
        /// A logged-in session (cookie or bearer).
        case session
        /// Good only for `POST /v1/password/change`, once.
        case passwordChange = "password_change"
        /// The pending second login step: issued after a right password when the
        /// account has a confirmed second factor; good only for presenting the code,
        /// once, and never for anything a logged-in session may do.
        case secondFactor = "second_factor"
        /// Good only for enrolling a second factor: issued when a staff member who
        /// has none logs in (a factor is mandatory for staff, enrolled before anything
        /// else).
        case factorEnrolment = "factor_enrolment"
        /// Good only for reading the consent text and giving consent
        /// (`POST /v1/me/consents`): issued instead of a session when a guardian's
        /// latest own consent is older than the current text version (issue 8). It
        /// carries the login's proof (`amr`, second factor), which the session it
        /// leads to keeps.
        case consent

        /// Whether this is a short-lived ticket (lifetime `password_change_ticket_seconds`)
        /// rather than a logged-in session.
        public var isTicket: Bool { self != .session }
    }

    /// RFC 8176 §2 authentication method reference values this server records.
    public enum Method: String, Hashable, Sendable, CaseIterable {
        /// Password-based authentication.
        case password = "pwd"
        /// One-time password (TOTP, RFC 6238, or a recovery code).
        case otp
        /// Confirmation by SMS text message to a verified phone.
        case sms
    }

    /// The authentication context class (`acr`) of a session proven by a password only.
    ///
    /// SchoolID's `acr` values are its own, ordered strength levels (OpenID Connect
    /// Core §2 allows any string the parties agree on): `"1"` means a single factor
    /// (a password; NIST SP 800-63B-4 AAL1), `"2"` means a password and a second factor
    /// proven in this session (TOTP, a recovery code or an SMS code; AAL2 intent).
    public static let singleFactorACR = "1"
    /// The `acr` of a session in which a second factor was proven (see ``singleFactorACR``).
    public static let secondFactorACR = "2"

    /// SHA-256 of the token.
    public var tokenHash: [UInt8]
    public var accountID: Account.ID
    public var purpose: Purpose
    public var createdAt: UnixTime
    public var lastSeenAt: UnixTime
    /// Idle expiry: moves forward on use, never past ``absoluteExpiresAt``.
    public var idleExpiresAt: UnixTime
    public var absoluteExpiresAt: UnixTime
    public var revokedAt: UnixTime?
    /// When the person last proved their password in this session (login, step-up).
    public var authenticatedAt: UnixTime
    /// How the person authenticated in this session, RFC 8176 values (`pwd`, `otp`,
    /// `sms`), in the order first proven; never empty.
    public var amr: [String]
    /// The last time a second factor was proven in this session (the second login
    /// step or a step-up), or `nil` when none was: what ``StepUp`` checks.
    public var secondFactorAt: UnixTime?

    /// The authentication context class: ``singleFactorACR`` (`"1"`, password only) or,
    /// once a second factor was proven in the session, ``secondFactorACR`` (`"2"`).
    public var acr: String { secondFactorAt == nil ? Self.singleFactorACR : Self.secondFactorACR }

    public init(tokenHash: [UInt8], accountID: Account.ID, purpose: Purpose, createdAt: UnixTime,
                idleExpiresAt: UnixTime, absoluteExpiresAt: UnixTime, revokedAt: UnixTime? = nil,
                lastSeenAt: UnixTime? = nil, authenticatedAt: UnixTime? = nil,
                amr: [String] = [Method.password.rawValue], secondFactorAt: UnixTime? = nil)
    {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.purpose = purpose
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt ?? createdAt
        self.idleExpiresAt = idleExpiresAt
        self.absoluteExpiresAt = absoluteExpiresAt
        self.revokedAt = revokedAt
        self.authenticatedAt = authenticatedAt ?? createdAt
        self.amr = amr
        self.secondFactorAt = secondFactorAt
    }

    /// Whether the session may be used at `now`: not revoked, not idle, not past its
    /// absolute lifetime.
    public func isUsable(at now: UnixTime) -> Bool {
        revokedAt == nil && now < idleExpiresAt && now < absoluteExpiresAt
    }

    /// The session's public handle, `ses_` + base64url of the first 16 bytes of
    /// SHA-256 over ``tokenHash``: what "my sessions" shows and revokes by. It names a
    /// session without standing in for one (neither the token nor its stored hash can
    /// be recovered from it), so listing sessions never hands out credentials.
    public var handle: String {
        "ses_" + Base64URL.encode(Array(SHA256.hash(tokenHash).prefix(16)))
    }
}
