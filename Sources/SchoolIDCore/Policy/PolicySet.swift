import SchoolIDJOSE
import Foundation

/// Every policy file of a policy directory (`policies/`), loaded and validated
/// together. An immutable snapshot: the server swaps a whole new set on reload and
/// each request reads one set.
public struct PolicySet: Hashable, Sendable {
    /// `passwords.json` (+ the blocklist it names).
    public let passwords: PasswordPolicy
    /// `credentials.json`.
    public let credentials: CredentialsPolicy
    /// `otp.json`.
    public let otp: OTPPolicy
    /// `lockout.json`.
    public let lockout: LockoutPolicy
    /// `sessions.json`.
    public let sessions: SessionPolicy
    /// `tokens.json`.
    public let tokens: TokenPolicy
    /// `invitations.json`.
    public let invitations: InvitationPolicy
    /// `roles.json`.
    public let roles: RolePolicy
    /// `calendar.json`.
    public let calendar: CalendarPolicy
    /// `registration.json`.
    public let registration: RegistrationPolicy
    /// `second_factor.json`.
    public let secondFactor: SecondFactorPolicy
    /// `guardianship.json`.
    public let guardianship: GuardianshipPolicy
    /// `retention.json`.
    public let retention: RetentionPolicy
    /// `consent.json` (+ the consent texts it names).
    public let consent: ConsentPolicy
    /// `acknowledgements.json`.
    public let acknowledgements: AcknowledgementPolicy

    /// The policy files a directory must hold, in load order.
    public static let fileNames = [
        PasswordPolicy.fileName, CredentialsPolicy.fileName, OTPPolicy.fileName, LockoutPolicy.fileName,
        SessionPolicy.fileName, TokenPolicy.fileName, InvitationPolicy.fileName, RolePolicy.fileName,
        CalendarPolicy.fileName, RegistrationPolicy.fileName, SecondFactorPolicy.fileName,
        GuardianshipPolicy.fileName, RetentionPolicy.fileName, ConsentPolicy.fileName,
        AcknowledgementPolicy.fileName,
    ]

    /// Loads and validates every policy file in `directory`. Fails on the first error,
    /// so startup and `schoolid policies check` stop with one clear line.
    /// - Parameter directory: the policy directory.
    /// - Throws: `PolicyError` naming the file, the JSON pointer and the rule.
    public static func load(directory: URL) throws(PolicyError) -> PolicySet {
        try PolicySet(
            passwords: PasswordPolicy(document(PasswordPolicy.fileName, in: directory), directory: directory),
            credentials: CredentialsPolicy(document(CredentialsPolicy.fileName, in: directory)),
            otp: OTPPolicy(document(OTPPolicy.fileName, in: directory)),
            lockout: LockoutPolicy(document(LockoutPolicy.fileName, in: directory)),
            sessions: SessionPolicy(document(SessionPolicy.fileName, in: directory)),
            tokens: TokenPolicy(document(TokenPolicy.fileName, in: directory)),
            invitations: InvitationPolicy(document(InvitationPolicy.fileName, in: directory)),
            roles: RolePolicy(document(RolePolicy.fileName, in: directory)),
            calendar: CalendarPolicy(document(CalendarPolicy.fileName, in: directory)),
            registration: RegistrationPolicy(document(RegistrationPolicy.fileName, in: directory)),
            secondFactor: SecondFactorPolicy(document(SecondFactorPolicy.fileName, in: directory)),
            guardianship: GuardianshipPolicy(document(GuardianshipPolicy.fileName, in: directory)),
            retention: RetentionPolicy(document(RetentionPolicy.fileName, in: directory)),
            consent: ConsentPolicy(document(ConsentPolicy.fileName, in: directory), directory: directory),
            acknowledgements: AcknowledgementPolicy(document(AcknowledgementPolicy.fileName, in: directory)))
    }

    /// Reads and parses one file.
    /// - Throws: `PolicyError` when the file is missing or not JSON.
    static func document(_ name: String, in directory: URL) throws(PolicyError) -> JSONValue {
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PolicyError(file: name, pointer: "", rule: "cannot read \(url.path)")
        }
        do {
            return try JSONValue.parsePolicy(data)
        } catch {
            throw PolicyError(file: name, pointer: "", rule: "is not strict JSON (RFC 8259; each member may appear only once)")
        }
    }
}
