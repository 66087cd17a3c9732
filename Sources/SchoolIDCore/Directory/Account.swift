import SchoolIDBase

/// A person's account (student, guardian, trusted person, staff member).
///
/// What the person may do comes from their staff memberships and enrolment (later also
/// guardian and trusted links), not from the account itself; a student account holds
/// only its enrolment. The person's names and birth date are one sealed ``profile``
/// (``SealedField`` under the account's owner key, context `accounts.profile.<id>`).
public struct Account: Hashable, Sendable {
    /// The kind tag of account identifiers.
    public enum Kind: IdentifierKind {
        public static let prefix = "acc"
        public static let noun = "an account identifier"
    }

    /// An account's opaque identifier (`acc_…`).
    public typealias ID = Identifier<Kind>

    /// Whether the account belongs to a child (issued by a teacher) or an adult.
    public enum Category: String, Hashable, Sendable, CaseIterable {
        case student
        case adult
    }

    /// Whether the account may log in at all.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case active
        case disabled
        /// Deleted: a tombstone (no login, empty profile, owner key destroyed) that
        /// every lookup treats as absent; kept so audit events and receipts still
        /// name a pseudonymous id.
        case deleted
    }

    public var id: ID
    public var category: Category
    /// The login (unique, never reused); `nil` for accounts that log in otherwise.
    public var login: Login?
    public var status: Status
    /// Sealed names and birth date (serialized ``SealedField``).
    public var profile: [UInt8]
    /// Failed password attempts in a row, over every client address.
    public var consecutiveFailures: Int
    /// Set when ``consecutiveFailures`` reached the policy's account cap: only recovery
    /// or staff unlock clears it.
    public var lockedAt: UnixTime?
    /// Whether a second factor is enrolled (raises nothing yet; lowers the password minimum).
    public var hasSecondFactor: Bool
    /// The language of the SMS and emails the account receives (and, later, its pages).
    public var locale: MessageLanguage
    public var createdAt: UnixTime
    public var updatedAt: UnixTime

    public init(id: ID, category: Category, login: Login?, status: Status = .active, profile: [UInt8],
                consecutiveFailures: Int = 0, lockedAt: UnixTime? = nil, hasSecondFactor: Bool = false,
                locale: MessageLanguage = .default, createdAt: UnixTime, updatedAt: UnixTime? = nil)
    {
        self.id = id
        self.category = category
        self.login = login
        self.status = status
        self.profile = profile
        self.consecutiveFailures = consecutiveFailures
        self.lockedAt = lockedAt
        self.hasSecondFactor = hasSecondFactor
        self.locale = locale
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
