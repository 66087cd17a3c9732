import SchoolIDCore

/// The kind notes a refused login shows under its fields: the usual mistakes of
/// someone typing a login from a slip (issue 11). They are computed from what was
/// typed only, never from the account, so they are the same for an existing and an
/// unknown login and say nothing about which logins exist.
struct LoginHints: Sendable, Equatable {
    /// The Cyrillic letters (U+0400–U+04FF) in the login, in order, without repeats:
    /// logins are ASCII, so these are a keyboard layout mistake.
    let cyrillicLetters: [Character]
    /// The login holds `0`, `o`, `1`, `l` or `i` (or their capitals), characters a
    /// printed slip makes easy to confuse.
    let hasLookalikes: Bool
    /// Every letter of the password is upper-case (and it has at least one): Caps Lock.
    let capsLock: Bool

    /// The notes for a refused login of `login` with `password`.
    init(login: String, password: String) {
        var letters: [Character] = []
        for character in login where Self.isCyrillic(character) && !letters.contains(character) {
            letters.append(character)
        }
        cyrillicLetters = letters
        hasLookalikes = login.contains { Self.lookalikes.contains($0) }
        let passwordLetters = password.filter(\.isLetter)
        capsLock = !passwordLetters.isEmpty && passwordLetters.allSatisfy { $0.isUppercase && !$0.isLowercase }
    }

    /// No note at all (a first visit).
    static let none = LoginHints(login: "", password: "")

    static let lookalikes: Set<Character> = ["0", "o", "O", "1", "l", "I", "i"]

    static func isCyrillic(_ character: Character) -> Bool {
        character.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
    }

    /// The element ids, shared by the server-rendered notes and ``AssetScript``.
    enum ID {
        static let cyrillic = "hint-login-cyrillic"
        static let lookalike = "hint-login-lookalike"
        static let capsLock = "hint-password-caps"
        static let error = "login-error"
    }

    /// The notes under the login field (the Cyrillic one names the letters when shown).
    func loginHints(_ language: MessageLanguage) -> [Form.Hint] {
        let base = PageText.hintCyrillic.text(in: language)
        let cyrillicText: HTML = cyrillicLetters.isEmpty ? "\(base)" : """
            \(base) \(PageText.hintCyrillicLetters.text(in: language)) \
            <strong>\(cyrillicLetters.map { "«\($0)»" }.joined(separator: ", "))</strong>
            """
        return [
            Form.Hint(id: ID.cyrillic, text: cyrillicText, visible: !cyrillicLetters.isEmpty),
            Form.Hint(id: ID.lookalike, text: "\(PageText.hintZeroOrO.text(in: language))", visible: hasLookalikes),
        ]
    }

    /// The Caps Lock note under the password field.
    func passwordHints(_ language: MessageLanguage) -> [Form.Hint] {
        [Form.Hint(id: ID.capsLock, text: "\(PageText.hintCapsLock.text(in: language))", visible: capsLock)]
    }
}
