import SchoolIDCore

/// The loaded password policy in plain words, for the pages where someone chooses a
/// password: the minimum length for their account, that nothing else is required (NIST
/// SP 800-63B-4 §3.1.1.2: no composition rules), and what is refused (the blocklist,
/// and the login itself when the policy says so).
struct PasswordPolicyText: Sendable {
    /// The id of the block, for the new-password field's `aria-describedby`.
    static let elementID = "password-policy"

    let policy: PasswordPolicy
    /// The minimum for the account; the smallest of the policy when unknown.
    let minimumLength: Int?

    /// `<div id="password-policy">` with a heading and a list.
    func html(_ language: MessageLanguage) -> HTML {
        let text = { (key: PageText) in key.text(in: language) }
        let minimum = minimumLength ?? policy.student
        let unit = language == .russian && minimum % 10 == 1 && minimum % 100 != 11
            ? text(.policyCharactersSingular) : text(.policyCharactersPlural)
        var items: [HTML] = [
            "<li>\(text(.policyMinimumLength)) \(minimum) \(unit)</li>\n",
            "<li>\(text(.policyNoRules))</li>\n",
            "<li>\(text(.policyCommonRefused))</li>\n",
        ]
        if policy.rejectLoginVariants { items.append("<li>\(text(.policyLoginRefused))</li>\n") }
        return """
            <div class="notice" id="\(Self.elementID)">
            <h2>\(text(.policyHeading))</h2>
            <ul>
            \(items)</ul>
            </div>

            """
    }
}
