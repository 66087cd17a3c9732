/// An email address, validated pragmatically: `local@domain`, the local part as
/// typed (RFC 5321 §2.4: it may be case-sensitive), the domain lower-cased.
///
/// Rules: total ≤ 254 characters (RFC 5321 §4.5.3.1.3 path limit less the angle
/// brackets), local part 1–64 of RFC 5322 §3.2.3 `atext` characters and dots (no
/// leading, trailing or doubled dot), domain of at least two LDH labels of 1–63
/// characters, ASCII only (internationalised domains must be typed as punycode).
public struct Email: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The normalised address.
    public let rawValue: String
    /// The part before `@`, as typed.
    public var localPart: Substring { rawValue[..<rawValue.lastIndex(of: "@")!] }
    /// The lower-cased domain.
    public var domain: Substring { rawValue[rawValue.index(after: rawValue.lastIndex(of: "@")!)...] }

    /// Validates an already normalised address; `nil` when it is not.
    public init?(rawValue: String) {
        guard let email = try? Email(parsing: rawValue), email.rawValue == rawValue else { return nil }
        self = email
    }

    /// Trims, validates and normalises an address typed by a person.
    /// - Throws: `DomainError(.emailInvalidFormat)` or `DomainError(.emailInvalidDomain)`.
    public init(parsing input: String) throws(DomainError) {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 254, let at = text.lastIndex(of: "@") else { throw DomainError(.emailInvalidFormat) }
        let local = text[..<at]
        let domain = text[text.index(after: at)...].lowercased()
        guard Self.isValidLocalPart(local) else { throw DomainError(.emailInvalidFormat) }
        guard Self.isValidDomain(domain) else { throw DomainError(.emailInvalidDomain) }
        rawValue = local + "@" + domain
    }

    private static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-")

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        guard (1...64).contains(local.count), local.first != ".", local.last != "." else { return false }
        return local.allSatisfy { atext.contains($0) || $0 == "." } && !local.contains("..")
    }

    private static func isValidDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.count <= 253 else { return false }
        let ldh = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        let labelsValid = labels.allSatisfy { label in
            (1...63).contains(label.count) && label.allSatisfy(ldh.contains)
                && label.first != "-" && label.last != "-"
        }
        // The top-level label is never all digits (that would be an IP address).
        return labelsValid && !(labels.last!.allSatisfy(\.isNumber))
    }

    public var description: String { rawValue }
}
