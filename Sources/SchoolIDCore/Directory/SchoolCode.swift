/// A school's short code: 2–12 lower-case ASCII letters and digits, e.g. `s57` or
/// `msk1535`. It is the first part of every student login under the default pattern
/// (``LoginPattern``), so it is ASCII for the same reason logins are.
public struct SchoolCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Allowed length in characters.
    public static let lengthRange = 2...12

    /// The normalised code.
    public let rawValue: String

    /// Validates an already normalised code; `nil` when it is not.
    public init?(rawValue: String) {
        guard let code = try? SchoolCode(parsing: rawValue), code.rawValue == rawValue else { return nil }
        self = code
    }

    /// Normalises (NFKC, trimmed, lower-cased) and validates a code typed by an operator.
    /// - Throws: `DomainError(.schoolCodeInvalid)`.
    public init(parsing input: String) throws(DomainError) {
        let text = ASCIIText.normalized(input)
        guard Self.lengthRange.contains(text.count), text.allSatisfy(ASCIIText.isLowerAlphanumeric) else {
            throw DomainError(.schoolCodeInvalid)
        }
        rawValue = text
    }

    public var description: String { rawValue }
}
