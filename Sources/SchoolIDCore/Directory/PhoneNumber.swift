/// A phone number in E.164 form (ITU-T E.164: `+`, country code, subscriber number,
/// at most 15 digits), e.g. `+79161234567`.
///
/// Input may contain spaces, dashes, dots and parentheses. The Russian trunk prefix is
/// rewritten: `8 (916) 123-45-67` and `7 916 123 45 67` become `+79161234567`.
/// Numbers in zone 7 (Russia, Kazakhstan) must have exactly 11 digits.
public struct PhoneNumber: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Digits allowed after the `+` (E.164 §6: at most 15; the shortest real ones are 8).
    public static let digitRange = 8...15

    /// The E.164 form, `+` followed by digits.
    public let rawValue: String

    /// Validates an E.164 string; `nil` when it is not in normal form.
    public init?(rawValue: String) {
        guard let phone = try? PhoneNumber(parsing: rawValue), phone.rawValue == rawValue else { return nil }
        self = phone
    }

    /// Normalises and validates a phone number typed by a person.
    /// - Throws: `DomainError(.phoneInvalidFormat)` or `DomainError(.phoneInvalidLength)`.
    public init(parsing input: String) throws(DomainError) {
        let separators: Set<Character> = [" ", "-", "(", ")", ".", "\u{00A0}", "\t"]
        var text = input.filter { !separators.contains($0) }
        let digits: Substring
        if text.hasPrefix("+") {
            digits = text.dropFirst()
        } else if text.count == 11, text.first == "8" || text.first == "7" {
            // Russian domestic form: trunk prefix 8 (or the country code without +).
            text = "7" + text.dropFirst()
            digits = Substring(text)
        } else {
            throw DomainError(.phoneInvalidFormat, detail: "start with + and the country code")
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError(.phoneInvalidFormat)
        }
        guard digits.first != "0" else { throw DomainError(.phoneInvalidFormat, detail: "country code cannot start with 0") }
        guard Self.digitRange.contains(digits.count), digits.first != "7" || digits.count == 11 else {
            throw DomainError(.phoneInvalidLength)
        }
        rawValue = "+" + digits
    }

    public var description: String { rawValue }
}
