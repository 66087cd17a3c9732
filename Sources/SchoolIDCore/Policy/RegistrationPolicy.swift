import SchoolIDJOSE
import SchoolIDBase

/// `registration.json`: how long a guardian's self-registration and a recovery flow
/// stay open, how often one address may ask whether a login is free, and whether
/// recovery needs a code from every verified contact.
///
/// Recovery goes through verified contacts only, never security questions (NIST SP
/// 800-63B-4 §4.2, ASVS 5.0 V6.4.2). With both a phone and an email verified, asking a
/// code from each (`recovery_requires_every_verified_contact`) means a stolen phone
/// alone does not hand over the account.
public struct RegistrationPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "registration.json"

    /// A registration not confirmed this long after it started is gone, seconds (600 … 86,400).
    public let pendingSeconds: Int64
    /// Login-availability checks one client address may make per minute (1 … 600): the
    /// one fact registration discloses, so it is rate-limited.
    public let loginChecksPerMinute: Int
    /// A recovery flow not completed this long after it started is gone, seconds (300 … 3,600).
    public let recoveryFlowSeconds: Int64
    /// Whether recovery asks for a code from every verified contact (phone and email).
    public let recoveryRequiresEveryVerifiedContact: Bool
    /// Registration, recovery and contact-change requests answer no sooner than this
    /// after they arrive, milliseconds (0 … 2,000): see ``ServiceEnvironment/evenly(_:)``.
    public let responseFloorMilliseconds: Int
}

extension RegistrationPolicy {
    /// Decodes and validates `registration.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        pendingSeconds = try root.integer("pending_seconds", in: 600...86_400)
        loginChecksPerMinute = try root.int("login_checks_per_minute", in: 1...600)
        recoveryFlowSeconds = try root.integer("recovery_flow_seconds", in: 300...3_600)
        recoveryRequiresEveryVerifiedContact = try root.bool("recovery_requires_every_verified_contact")
        responseFloorMilliseconds = try root.int("response_floor_ms", in: 0...2_000)
        try root.finish()
    }
}
