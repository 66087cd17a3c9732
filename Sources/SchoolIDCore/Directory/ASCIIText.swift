import Foundation

/// Helpers shared by the ASCII identifiers (``Login``, ``SchoolCode``).
enum ASCIIText {
    /// Cyrillic letters that look like Latin ones, mapped to the Latin letter a reader
    /// sees. A login typed on a Russian keyboard layout by someone copying a slip
    /// ("ivanov" with Cyrillic "о") must be told why it failed, not just that it did.
    static let cyrillicLookalikes: [Character: Character] = [
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q",
        "ԝ": "w", "ь": "b",
        "А": "a", "В": "b", "Е": "e", "Ё": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p",
        "С": "c", "Т": "t", "У": "y", "Х": "x", "І": "i", "Ј": "j", "Ѕ": "s",
    ]

    /// NFKC-normalised (full-width "ｌｏｇｉｎ" becomes "login"), trimmed of
    /// surrounding whitespace, ASCII letters lower-cased.
    static func normalized(_ input: String) -> String {
        input.precomposedStringWithCompatibilityMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .lowercased()
    }

    /// The Cyrillic look-alike characters in `text`, in order, or an empty array.
    static func lookalikes(in text: String) -> [Character] {
        text.filter { cyrillicLookalikes[$0] != nil }.map { $0 }
    }

    /// Whether `character` is an ASCII lower-case letter or digit.
    static func isLowerAlphanumeric(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (0x61...0x7A).contains(ascii) || (0x30...0x39).contains(ascii)
    }
}
