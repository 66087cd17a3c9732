extension PasswordPolicy {
    /// Decides whether a person may choose `password` (registration, password change,
    /// first-login change of a temporary password). Pure and default-deny: it allows
    /// only after every rule passed.
    ///
    /// Rules, in order: the minimum length for the account (NIST SP 800-63B-4
    /// §3.1.1.2), the blocklist (whole password, case-insensitive), then the login and
    /// its obvious variants (§3.1.1.2 "context-specific words… the username"): the login
    /// itself, reversed, or wrapped in digits, punctuation and spaces ("ivanov2024!").
    /// The maximum length was already enforced when the ``Password`` was made.
    /// - Parameters:
    ///   - password: the normalised candidate.
    ///   - role: the account's role.
    ///   - hasSecondFactor: whether the account has a second factor enrolled.
    ///   - login: the account's login, if it has one.
    /// - Returns: the decision; a denial carries the error code to show.
    public func evaluate(_ password: Password, role: Role, hasSecondFactor: Bool, login: Login?) -> Decision {
        let minimum = minimumLength(for: role, hasSecondFactor: hasSecondFactor)
        guard password.length >= minimum else {
            return .deny(.passwordTooShort, "password has \(password.length) characters; \(role.rawValue) "
                + "\(hasSecondFactor ? "with" : "without") a second factor needs at least \(minimum)")
        }
        guard password.length <= maximumLength else {
            return .deny(.passwordTooLong, "password exceeds \(maximumLength) characters")
        }
        guard !blocklist.contains(password) else {
            return .deny(.passwordBlocklisted, "password is on the blocklist")
        }
        if rejectLoginVariants, let login, Self.isVariant(of: login, password) {
            return .deny(.passwordContainsLogin, "password is the login or a variant of it")
        }
        return .allow("password meets the policy for \(role.rawValue)")
    }

    /// Whether `password` is `login`, reversed, or `login` surrounded only by digits,
    /// punctuation and spaces (case-insensitive).
    static func isVariant(of login: Login, _ password: Password) -> Bool {
        let text = PasswordBlocklist.key(password.normalized.unredacted)
        let name = login.rawValue
        if text == name || text == String(name.reversed()) { return true }
        guard let range = text.range(of: name) else { return false }
        let rest = text[..<range.lowerBound] + text[range.upperBound...]
        return rest.allSatisfy { $0.isNumber || $0.isPunctuation || $0.isSymbol || $0.isWhitespace }
    }
}
