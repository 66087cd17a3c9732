/// An error in domain terms, with a stable code and an optional safe detail.
///
/// The code selects the one message catalogue (``ErrorCode/message(in:)``) that the
/// HTTP layer renders to people; `detail` is extra context for logs and for the
/// operator. Neither ever contains a secret: values such as passwords are never
/// interpolated, and personal data only when the caller typed it back to themselves.
public struct DomainError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable `snake_case` code, e.g. `login_cyrillic_lookalike`.
    public let code: ErrorCode
    /// Safe, English, operator-oriented detail (never a secret), or `nil`.
    public let detail: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: the stable code.
    ///   - detail: safe extra context; never a secret.
    public init(_ code: ErrorCode, detail: String? = nil) {
        self.code = code
        self.detail = detail
    }

    /// `code: detail`, or just the code.
    public var description: String {
        detail.map { "\(code.rawValue): \($0)" } ?? code.rawValue
    }

    /// The user-facing message for this error in `language`, from the catalogue.
    public func message(in language: MessageLanguage) -> String { code.message(in: language) }
}
