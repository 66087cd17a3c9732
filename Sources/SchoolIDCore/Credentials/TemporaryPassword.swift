import SchoolIDBase

/// A generated password that is shown once and must be replaced at first login.
public struct TemporaryPassword: Sendable {
    /// The password (shown once: response, slip or CSV; never stored in clear).
    public let password: Password
    /// When it stops working.
    public let expiresAt: UnixTime

    /// Draws a password of the policy's length from its look-alike-free alphabet with
    /// the injected CSPRNG (ASVS 5.0 V6.4.1: securely random; ≥ 40 bits by validation).
    public init(policy: CredentialsPolicy, random: any RandomSource, expiresAt: UnixTime) {
        let text = random.string(length: policy.passwordLength, alphabet: policy.alphabet)
        // Always valid: ASCII letters and digits, length ≤ 64 by policy validation.
        password = try! Password(text, maximumLength: Password.absoluteMaximumLength)
        self.expiresAt = expiresAt
    }

    /// The password text, to show once.
    public var text: String { password.normalized.unredacted }
}
