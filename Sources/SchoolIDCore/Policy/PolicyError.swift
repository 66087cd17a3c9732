/// A policy file that cannot be used: which file, where in it (an RFC 6901 JSON
/// pointer, empty for the whole document) and which rule it breaks.
///
/// Rendered as `passwords.json: /minimum_length/student: must be between 8 and 128`,
/// one line that `schoolid policies check` and startup print as is. Policy files are
/// operator input, so the text is English and may quote values (they are not secret).
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file name relative to the policy directory, e.g. `passwords.json`.
    public let file: String
    /// The JSON pointer of the offending member; empty for the whole document.
    public let pointer: String
    /// The rule that was broken, e.g. `must be between 8 and 128`.
    public let rule: String

    /// Creates an error.
    public init(file: String, pointer: String, rule: String) {
        self.file = file
        self.pointer = pointer
        self.rule = rule
    }

    /// `file: pointer: rule`, or `file: rule` for the whole document.
    public var description: String {
        pointer.isEmpty ? "\(file): \(rule)" : "\(file): \(pointer): \(rule)"
    }
}
