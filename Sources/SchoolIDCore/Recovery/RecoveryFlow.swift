import SchoolIDBase

/// One "I don't remember my password" attempt: the codes sent for it and how long it
/// stays open (`registration.json` `recovery_flow_seconds`).
///
/// A flow exists for every request, also for an unknown login, phone or email: then
/// ``accountID`` is `nil` (a decoy) and its one challenge went to a decoy outbox row
/// that is never sent, so the caller cannot tell the two apart (NIST SP 800-63B-4
/// §4.2, OWASP Forgot Password Cheat Sheet: "return a consistent message for both
/// existent and non-existent accounts"). A flow needs the code of every challenge it
/// holds; a challenge consumed earlier in the same flow stays proven, so a person who
/// typed one code right and the other wrong retypes only the wrong one.
public struct RecoveryFlow: Hashable, Sendable {
    /// The kind tag of flow identifiers (`rcv_…`), the `flow_id` of the API.
    public enum Kind: IdentifierKind {
        public static let prefix = "rcv"
        public static let noun = "a recovery flow identifier"
    }

    /// A flow identifier.
    public typealias ID = Identifier<Kind>

    public var id: ID
    /// The account being recovered; `nil` for a decoy flow (unknown account).
    public var accountID: Account.ID?
    /// The challenge sent by SMS, if any.
    public var smsChallengeID: Challenge.ID?
    /// The challenge sent by email, if any.
    public var emailChallengeID: Challenge.ID?
    public var createdAt: UnixTime
    /// The flow is refused from this instant on.
    public var expiresAt: UnixTime
    /// When the new password was set; a completed flow cannot be used again.
    public var completedAt: UnixTime?

    public init(id: ID, accountID: Account.ID?, smsChallengeID: Challenge.ID?, emailChallengeID: Challenge.ID?,
                createdAt: UnixTime, expiresAt: UnixTime, completedAt: UnixTime? = nil)
    {
        self.id = id
        self.accountID = accountID
        self.smsChallengeID = smsChallengeID
        self.emailChallengeID = emailChallengeID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.completedAt = completedAt
    }

    /// Whether the flow is a decoy (no account behind it).
    public var isDecoy: Bool { accountID == nil }

    /// Whether the flow may still be completed at `now` (unexpired, not completed).
    public func isOpen(at now: UnixTime) -> Bool { completedAt == nil && now < expiresAt }

    /// The challenges whose codes completing the flow needs, SMS first.
    public var challengeIDs: [Challenge.ID] { [smsChallengeID, emailChallengeID].compactMap { $0 } }
}
