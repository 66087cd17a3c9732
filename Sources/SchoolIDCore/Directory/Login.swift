/// A login: 3–32 ASCII characters from `a–z 0–9 . _ -`, lower-cased, starting and
/// ending with a letter or digit, with no two punctuation marks in a row.
///
/// Logins are ASCII so that a child can type one from a printed slip on any keyboard
/// and so that two logins never differ only by look-alike letters. Input is NFKC
/// normalised, trimmed and lower-cased first; a login typed with Cyrillic look-alike
/// letters ("ivаnov" with a Cyrillic "а") fails with ``ErrorCode/loginCyrillicLookalike``
/// whose detail names the letters, so the page can say "switch the keyboard layout".
public struct Login: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Allowed length in characters.
    public static let lengthRange = 3...32

    /// The normalised login.
    public let rawValue: String

    /// Validates an already normalised login; `nil` when it is not.
    public init?(rawValue: String) {
        guard let login = try? Login(parsing: rawValue), login.rawValue == rawValue else { return nil }
        self = login
    }

    /// Normalises and validates a login typed by a person.
    /// - Throws: `DomainError` with `.loginCyrillicLookalike`, `.loginInvalidCharacter`,
    ///   `.loginInvalidLength` or `.loginInvalidFormat`.
    public init(parsing input: String) throws(DomainError) {
        let text = ASCIIText.normalized(input)
        let lookalikes = ASCIIText.lookalikes(in: text)
        if !lookalikes.isEmpty {
            let letters = lookalikes.map { "\($0) → \(ASCIIText.cyrillicLookalikes[$0]!)" }.joined(separator: ", ")
            throw DomainError(.loginCyrillicLookalike, detail: "Cyrillic letters: \(letters)")
        }
        guard text.allSatisfy({ ASCIIText.isLowerAlphanumeric($0) || Self.punctuation.contains($0) }) else {
            throw DomainError(.loginInvalidCharacter)
        }
        guard Self.lengthRange.contains(text.count) else { throw DomainError(.loginInvalidLength) }
        guard let first = text.first, let last = text.last,
            ASCIIText.isLowerAlphanumeric(first), ASCIIText.isLowerAlphanumeric(last),
            !zip(text, text.dropFirst()).contains(where: { Self.punctuation.contains($0) && Self.punctuation.contains($1) })
        else { throw DomainError(.loginInvalidFormat) }
        rawValue = text
    }

    /// Punctuation allowed inside a login.
    static let punctuation: Set<Character> = [".", "_", "-"]

    public static func < (lhs: Login, rhs: Login) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
