import SchoolIDJOSE
import SchoolIDBase

/// `invitations.json`: trusted-person invitations and the grants they create.
///
/// An invitation lapses if not accepted within the acceptance window (24 h); after
/// acceptance, access becomes active after the activation delay (at most 24 h), which
/// gives the other guardians, who are notified, time to object and the inviting
/// guardian time to revoke a mistake. Grants expire by default at the end of the school
/// year (DESIGN "Trusted persons").
public struct InvitationPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "invitations.json"
    /// The largest activation delay allowed, seconds (24 h).
    public static let maximumActivationDelaySeconds: Int64 = 86_400

    /// When a grant ends by default.
    public enum GrantDuration: Hashable, Sendable {
        /// At the end of the school year in which the grant starts (``CalendarPolicy``).
        case endOfSchoolYear
        /// A fixed number of days after the grant starts.
        case days(Int)
    }

    /// Seconds an invitation may wait for acceptance.
    public let acceptanceWindowSeconds: Int64
    /// Seconds between acceptance and active access.
    public let activationDelaySeconds: Int64
    /// Default grant duration.
    public let grantDuration: GrantDuration
    /// Whether a grant waits, after acceptance and the activation delay, until every
    /// other guardian of the child (active when the invitation was made) approved it
    /// (`require_all_guardians_approval`, default `false`).
    public let requireAllGuardiansApproval: Bool

    /// When a grant that becomes active at `start` expires by default.
    /// - Parameters:
    ///   - start: when access becomes active.
    ///   - calendar: the school calendar, for ``GrantDuration/endOfSchoolYear``.
    public func grantExpiry(startingAt start: UnixTime, calendar: CalendarPolicy) -> UnixTime {
        switch grantDuration {
        case .endOfSchoolYear: calendar.endOfSchoolYear(after: start)
        case .days(let days): start.adding(seconds: Int64(days) * 86_400)
        }
    }
}

extension InvitationPolicy {
    /// Decodes and validates `invitations.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        acceptanceWindowSeconds = try root.integer("acceptance_window_seconds", in: 3_600...86_400)
        activationDelaySeconds = try root.integer("activation_delay_seconds", in: 0...Self.maximumActivationDelaySeconds)
        let duration = try root.object("grant_duration")
        switch (duration.has("until"), duration.has("days")) {
        case (true, false):
            guard try duration.string("until") == "end_of_school_year" else {
                throw duration.error("until", "must be \"end_of_school_year\"")
            }
            grantDuration = .endOfSchoolYear
        case (false, true):
            grantDuration = .days(try duration.int("days", in: 1...366))
        default:
            throw duration.error(nil, "must have exactly one of \"until\" or \"days\"")
        }
        try duration.finish()
        requireAllGuardiansApproval = root.has("require_all_guardians_approval")
            ? try root.bool("require_all_guardians_approval") : false
        try root.finish()
    }
}
