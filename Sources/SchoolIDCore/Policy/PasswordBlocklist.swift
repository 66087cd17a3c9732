import Foundation

/// Common, expected or breached passwords that may not be chosen (NIST SP 800-63B-4
/// §3.1.1.2; ASVS 5.0 V6.2.4 and V6.2.12). Compared against the whole password, after
/// NFKC and case folding, never against substrings.
///
/// File format: UTF-8, one password per line (LF or CRLF); surrounding spaces and tabs
/// are ignored, as are blank lines and lines starting with `#`.
public struct PasswordBlocklist: Hashable, Sendable {
    private let entries: Set<String>

    /// Creates a list from entries (normalised here).
    public init<S: Sequence>(_ entries: S) where S.Element == String {
        self.entries = Set(entries.map(Self.key))
    }

    /// Parses the file format.
    ///
    /// The shipped list has tens of thousands of lines and is loaded at every start and
    /// reload (and by every test that loads a policy set), so lines are cut on UTF-8
    /// bytes rather than `Character`s, and ASCII lines skip NFKC (they are already in it).
    public init(fileContents: String) {
        var keys = Set<String>()
        for line in fileContents.utf8.split(separator: UInt8(ascii: "\n")) {
            let entry = Self.trimmed(line)
            guard let first = entry.first, first != UInt8(ascii: "#") else { continue }
            keys.insert(Self.key(String(decoding: entry, as: UTF8.self)))
        }
        entries = keys
    }

    /// Number of distinct entries.
    public var count: Int { entries.count }

    /// Whether `password` is on the list.
    public func contains(_ password: Password) -> Bool {
        entries.contains(Self.key(password.normalized.unredacted))
    }

    /// The comparison key: NFKC, then lower-cased. ASCII text is NFKC-stable, so only
    /// lower-casing is needed for it.
    static func key(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// `line` without leading and trailing spaces, tabs and carriage returns.
    private static func trimmed(_ line: Substring.UTF8View) -> Substring.UTF8View {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard let start = line.firstIndex(where: { !blank($0) }), let last = line.lastIndex(where: { !blank($0) }) else {
            return line[line.endIndex...]
        }
        return line[start...last]
    }
}
