import SchoolIDJOSE
import SchoolIDBase

/// `retention.json`: how long data that has served its purpose is kept before the
/// garbage collector destroys it (152-FZ art. 21: destruction once the purpose is
/// achieved; GDPR Art. 5(1)(e): storage limitation).
///
/// Every age counts from the moment the row stopped serving its purpose (expiry,
/// lapse, decline, use, delivery, revocation), never from its creation.
public struct RetentionPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "retention.json"
    /// The longest age a seconds member may hold (one year).
    public static let maximumSeconds: Int64 = 31_536_000

    /// Seconds a registration is kept after it expired unconfirmed.
    public let pendingRegistrationsSeconds: Int64
    /// Seconds a one-time-code challenge is kept after it expired.
    public let challengesSeconds: Int64
    /// Seconds a recovery flow is kept after it expired.
    public let recoveryFlowsSeconds: Int64
    /// Seconds an unconfirmed contact change (the new phone or email) is kept after it expired.
    public let contactChangesSeconds: Int64
    /// Seconds a lapsed or declined trusted-person invitation (with the invitee's
    /// sealed SNILS or phone) is kept after it lapsed or was declined.
    public let trustedInvitationsSeconds: Int64
    /// Seconds a used or expired link code is kept after its use or expiry.
    public let linkCodesSeconds: Int64
    /// Seconds a delivered or failed outbox message is kept after it finished.
    public let outboxSeconds: Int64
    /// Seconds a session (or its revocation tombstone) is kept after it expired or was revoked.
    public let sessionsSeconds: Int64
    /// Seconds an authorization code (its hash and redemption tombstone) is kept after it expired.
    public let oauthCodesSeconds: Int64
    /// Seconds a refresh token (its hash and tombstones) is kept after it was revoked or
    /// its family ended.
    public let refreshTokensSeconds: Int64
    /// Days a day of access log (`serve --access-log-dir`) is kept after it ended (1–3650).
    public let accessLogsDays: Int
    /// Years an audit event is kept after it was recorded (1–50).
    public let auditEventsYears: Int
}

extension RetentionPolicy {
    /// Decodes and validates `retention.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        let range: ClosedRange<Int64> = 0...Self.maximumSeconds
        pendingRegistrationsSeconds = try root.integer("pending_registrations_seconds", in: range)
        challengesSeconds = try root.integer("challenges_seconds", in: range)
        recoveryFlowsSeconds = try root.integer("recovery_flows_seconds", in: range)
        contactChangesSeconds = try root.integer("contact_changes_seconds", in: range)
        trustedInvitationsSeconds = try root.integer("trusted_invitations_seconds", in: range)
        linkCodesSeconds = try root.integer("link_codes_seconds", in: range)
        outboxSeconds = try root.integer("outbox_seconds", in: range)
        sessionsSeconds = try root.integer("sessions_seconds", in: range)
        accessLogsDays = try root.int("access_logs_days", in: 1...3650)
        auditEventsYears = try root.int("audit_events_years", in: 1...50)
        oauthCodesSeconds = try root.integer("oauth_codes_seconds", in: range)
        refreshTokensSeconds = try root.integer("refresh_tokens_seconds", in: range)
        try root.finish()
    }
}
