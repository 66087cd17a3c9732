/// A value that must never reach a log, an error message or a response by accident.
///
/// Its `description`, `debugDescription` and reflection all print `[redacted]`; the
/// value is reached only through the loudly named ``unredacted``.
public struct Secret<Value: Sendable>: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: Value

    /// Wraps `value`.
    public init(_ value: Value) { self.value = value }

    /// The wrapped value. Every use is a place where the secret leaves its wrapper.
    public var unredacted: Value { value }

    public var description: String { "[redacted]" }
    public var debugDescription: String { "[redacted]" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
