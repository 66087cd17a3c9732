import SchoolIDBase

/// Destroys data that has served its purpose once it is older than its retention age
/// (`retention.json`, ``RetentionPolicy``; 152-FZ art. 21, GDPR Art. 5(1)(e)).
///
/// One pass deletes each class in its own storage unit and, in the same unit, appends
/// one `data_destroyed` audit event for a class that lost rows: what, why (the policy
/// rule and its age) and how many, never the data itself.
public struct RetentionService: Sendable {
    /// One class of data and its rule.
    public struct Rule: Sendable {
        /// The data's name in the audit detail (`sessions`, `link_codes`, …).
        public let what: String
        /// The policy member (or fixed rule) that sets the age.
        public let why: String
        /// Seconds the data is kept after it stopped serving its purpose.
        public let ageSeconds: Int64
        let delete: @Sendable (any WriteTransaction, UnixTime) throws -> Int
    }

    /// How many rows one class lost in a pass.
    public struct Destroyed: Hashable, Sendable {
        public let what: String
        public let count: Int

        public init(what: String, count: Int) {
            self.what = what
            self.count = count
        }
    }

    /// Seconds throttling counters and code sends are kept: the lockout and daily
    /// quota windows they serve (not a policy choice).
    public static let throttlingWindowSeconds: Int64 = 86_400

    /// Seconds in one year of `audit_events_years` (a Julian year, 365.25 days).
    public static let secondsPerYear: Int64 = 31_557_600

    /// The most audit events one pass destroys (one storage unit); the job catches up
    /// over later passes.
    public static let auditEventsPerPass = 50_000

    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) {
        self.environment = environment
    }

    /// The rules of `policy`, in the order a pass applies them.
    public static func rules(_ policy: RetentionPolicy) -> [Rule] {
        let window = throttlingWindowSeconds
        return [
            Rule(what: "sessions", why: "retention.sessions_seconds", ageSeconds: policy.sessionsSeconds) {
                try $0.sessions.deleteExpired(before: $1) },
            Rule(what: "oauth_codes", why: "retention.oauth_codes_seconds", ageSeconds: policy.oauthCodesSeconds) {
                try $0.authorizationCodes.deleteExpired(before: $1) },
            Rule(what: "refresh_tokens", why: "retention.refresh_tokens_seconds",
                 ageSeconds: policy.refreshTokensSeconds) { try $0.refreshTokens.deleteExpired(before: $1) },
            Rule(what: "revoked_tokens", why: "token expiry", ageSeconds: 0) {
                try $0.revokedAccessTokens.deleteExpired(before: $1) },
            Rule(what: "contact_changes", why: "retention.contact_changes_seconds",
                 ageSeconds: policy.contactChangesSeconds) { try $0.contactChanges.deleteExpired(before: $1) },
            Rule(what: "failure_counters", why: "lockout window", ageSeconds: window) {
                try $0.credentials.deleteFailureCounters(before: $1) },
            Rule(what: "challenges", why: "retention.challenges_seconds", ageSeconds: policy.challengesSeconds) {
                try $0.challenges.deleteExpiredChallenges(before: $1) },
            Rule(what: "code_sends", why: "daily quota window", ageSeconds: window) {
                try $0.challenges.deleteSends(before: $1) },
            Rule(what: "outbox", why: "retention.outbox_seconds", ageSeconds: policy.outboxSeconds) {
                try $0.outbox.deleteFinished(before: $1) },
            Rule(what: "registrations", why: "retention.pending_registrations_seconds",
                 ageSeconds: policy.pendingRegistrationsSeconds) { try $0.registrations.deleteExpired(before: $1) },
            Rule(what: "recovery_flows", why: "retention.recovery_flows_seconds",
                 ageSeconds: policy.recoveryFlowsSeconds) { try $0.recoveryFlows.deleteExpired(before: $1) },
            Rule(what: "trusted_invitations", why: "retention.trusted_invitations_seconds",
                 ageSeconds: policy.trustedInvitationsSeconds) {
                try $0.trustedInvitations.deleteLapsedOrDeclined(before: $1) },
            Rule(what: "link_codes", why: "retention.link_codes_seconds", ageSeconds: policy.linkCodesSeconds) {
                try $0.guardianLinks.deleteUsedOrExpiredCodes(before: $1) },
            Rule(what: "ledger_bodies", why: "acknowledgements.receipt_bodies_days", ageSeconds: 0) {
                try $0.ledger.deleteExpiredBodies(before: $1) },
            Rule(what: "audit_events", why: "retention.audit_events_years",
                 ageSeconds: Int64(policy.auditEventsYears) * secondsPerYear) {
                try $0.audit.purge(before: $1, limit: auditEventsPerPass) },
        ]
    }

    /// Runs one pass at `now` under the current policy.
    /// - Parameter now: the pass's time (the clock's, by default).
    /// - Throws: a storage error; classes already purged stay purged (each is its own unit).
    /// - Returns: the classes that lost rows, with their counts.
    @discardableResult
    public func purge(at now: UnixTime? = nil) async throws -> [Destroyed] {
        let now = now ?? environment.clock.now()
        var destroyed: [Destroyed] = []
        for rule in Self.rules(environment.policies.retention) {
            let count = try await environment.storage.write { tx in
                let count = try rule.delete(tx, now.adding(seconds: -rule.ageSeconds))
                if count > 0 {
                    try tx.audit.append(AuditEvent(
                        at: now, action: .dataDestroyed, clientAddress: "job", requestID: "retention",
                        detail: "what=\(rule.what) why=\(rule.why) age_seconds=\(rule.ageSeconds) count=\(count)"))
                }
                return count
            }
            if count > 0 { destroyed.append(Destroyed(what: rule.what, count: count)) }
        }
        return destroyed
    }
}
