import Foundation

/// Common, expected or breached passwords that may not be chosen (NIST SP 800-63B-4
/// §3.1.1.2; ASVS 5.0 V6.2.4 and V6.2.12). Compared against the whole password, after
/// NFKC and case folding, never against substrings.
///
/// File format: UTF-8, one password per line; blank lines and lines starting with `#`
/// are ignored.
public struct PasswordBlocklist: Hashable, Sendable {
    private let entries: Set<String>

    /// Creates a list from entries (normalised here).
    public init<S: Sequence>(_ entries: S) where S.Element == String {
        self.entries = Set(entries.map(Self.key))
    }

    /// Parses the file format.
    public init(fileContents: String) {
        self.init(
            fileContents.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// Number of distinct entries.
    public var count: Int { entries.count }

    /// Whether `password` is on the list.
    public func contains(_ password: Password) -> Bool {
        entries.contains(Self.key(password.normalized.unredacted))
    }

    /// The comparison key: NFKC, then lower-cased.
    static func key(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
    }
}
