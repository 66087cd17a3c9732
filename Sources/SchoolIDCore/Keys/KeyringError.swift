/// Why the keyring could not be loaded or changed. Every message names the file and
/// says what to do, because it is read by an operator at start-up.
public struct KeyringError: Error, CustomStringConvertible {
    /// The kind of failure, for callers and tests.
    public enum Code: String, Sendable {
        case missing, unreadable, insecurePermissions, malformed, inconsistent, rotationTooEarly, alreadyExists
    }

    public let code: Code
    public let description: String

    /// Creates an error with an operator-facing message.
    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
