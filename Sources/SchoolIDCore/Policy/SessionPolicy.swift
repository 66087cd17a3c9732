import SchoolIDJOSE
import SchoolIDBase

/// `sessions.json`: lifetimes of browser and API sessions and of the password-change
/// ticket.
///
/// A session ends when it has been idle for `idleSeconds` or, whatever its use,
/// `absoluteSeconds` after the login (ASVS 5.0 V7.3.1 inactivity timeout, V7.3.2
/// absolute maximum lifetime; NIST SP 800-63B-4 §5.2: reauthentication after a period
/// of inactivity and at a fixed interval regardless of activity). The ticket issued
/// when a temporary password is used is good only for setting a new password and
/// lapses after `passwordChangeTicketSeconds`.
public struct SessionPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "sessions.json"

    /// A session unused this long expires, seconds (60 … 86,400).
    public let idleSeconds: Int64
    /// A session expires this long after the login, whatever its use, seconds
    /// (at least `idleSeconds`, at most 30 days).
    public let absoluteSeconds: Int64
    /// A password-change ticket expires this long after it was issued, seconds (60 … 3,600).
    public let passwordChangeTicketSeconds: Int64

    /// Thirty days: the NIST SP 800-63B-4 AAL1 reauthentication bound, the longest absolute
    /// lifetime a policy may set.
    public static let maximumAbsoluteSeconds: Int64 = 30 * 86_400
}

extension SessionPolicy {
    /// Decodes and validates `sessions.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        idleSeconds = try root.integer("idle_seconds", in: 60...86_400)
        absoluteSeconds = try root.integer("absolute_seconds", in: 60...Self.maximumAbsoluteSeconds)
        if absoluteSeconds < idleSeconds {
            throw root.error("absolute_seconds", "must not be less than idle_seconds")
        }
        passwordChangeTicketSeconds = try root.integer("password_change_ticket_seconds", in: 60...3_600)
        try root.finish()
    }
}
