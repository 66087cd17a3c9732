import SchoolIDJOSE
import SchoolIDBase

/// `second_factor.json`: who must hold a second factor, whether SMS may be one, how
/// recent a second factor must be for a sensitive action, and the TOTP parameters.
///
/// A password alone is not enough for staff (OWASP ASVS 5.0 §6.3.3; NIST SP
/// 800-63B-4 AAL2): the roles in `mandatory_roles` must enrol a factor at their next
/// login, before anything else; everyone else is offered one. SMS is a restricted
/// authenticator (63B §3.1.3.3, ASVS §6.6.1), so policy may turn it off. A step-up
/// (``StepUp``) asks for a second factor proven within `step_up_seconds` before admin
/// actions, contact changes and resetting a child's password.
public struct SecondFactorPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "second_factor.json"

    /// RFC 6238 TOTP parameters (HMAC-SHA-1, §4 and §5.2).
    public struct TOTP: Hashable, Sendable {
        /// Digits of a code (6 … 8; RFC 4226 §5.3 requires at least 6).
        public let digits: Int
        /// The time step X, seconds (30 … 60; RFC 6238 §5.2 recommends 30).
        public let periodSeconds: Int64
        /// Steps accepted either side of the current one for clock drift (0 … 2;
        /// RFC 6238 §5.2 recommends at most one).
        public let windowSteps: Int
    }

    /// Roles that must enrol a second factor (every role not listed is offered one).
    public let mandatoryRoles: Set<Role>
    /// Whether an SMS code to a verified phone may serve as a second factor.
    public let smsFactorEnabled: Bool
    /// A second factor proven this long ago or less satisfies a step-up, seconds (60 … 3,600).
    public let stepUpSeconds: Int64
    /// Whether sensitive actions require a step-up at all. `true` in production; only a
    /// test profile turns it off (for tests that log in with a password alone).
    public let enforceStepUp: Bool
    /// TOTP parameters.
    public let totp: TOTP

    /// Whether a person holding `roles` must enrol a second factor.
    public func isMandatory(for roles: Set<Role>) -> Bool { !mandatoryRoles.isDisjoint(with: roles) }
}

extension SecondFactorPolicy {
    /// Decodes and validates `second_factor.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        var roles: Set<Role> = []
        for (pointer, name) in try root.strings("mandatory_roles") {
            guard let role = Role(rawValue: name) else {
                throw PolicyError(file: Self.fileName, pointer: pointer, rule: "unknown role \"\(name)\"")
            }
            guard roles.insert(role).inserted else {
                throw PolicyError(file: Self.fileName, pointer: pointer, rule: "repeats \"\(name)\"")
            }
        }
        // ASVS 5.0 §6.3.3: administrators never sign in with a password alone.
        guard roles.contains(.platformAdmin) else {
            throw root.error("mandatory_roles", "must include \"platform_admin\"")
        }
        mandatoryRoles = roles
        smsFactorEnabled = try root.bool("sms_factor_enabled")
        stepUpSeconds = try root.integer("step_up_seconds", in: 60...3_600)
        enforceStepUp = try root.bool("enforce_step_up")
        let totp = try root.object("totp")
        self.totp = TOTP(digits: try totp.int("digits", in: 6...8),
                         periodSeconds: try totp.integer("period_seconds", in: 30...60),
                         windowSteps: try totp.int("window_steps", in: 0...2))
        try totp.finish()
        try root.finish()
    }
}
