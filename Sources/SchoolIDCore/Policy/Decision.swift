/// The outcome of a pure policy evaluation: allow or deny, with a reason for the
/// audit log. Evaluations are default-deny: anything not explicitly allowed is denied.
public struct Decision: Hashable, Sendable, CustomStringConvertible {
    /// Whether the action may go ahead.
    public let isAllowed: Bool
    /// Why, in a short English sentence for the audit log (never a secret).
    public let reason: String
    /// The domain error to report when denied, if the denial maps to one.
    public let code: ErrorCode?

    /// An allowing decision.
    public static func allow(_ reason: String) -> Decision {
        Decision(isAllowed: true, reason: reason, code: nil)
    }

    /// A denying decision.
    /// - Parameters:
    ///   - code: the error a caller throws or renders, if any.
    ///   - reason: the audit-log reason.
    public static func deny(_ code: ErrorCode? = nil, _ reason: String) -> Decision {
        Decision(isAllowed: false, reason: reason, code: code)
    }

    /// Whether the action is refused.
    public var isDenied: Bool { !isAllowed }

    /// Throws the denial as a ``DomainError`` (``ErrorCode/permissionDenied`` when it
    /// names no code); returns when allowed.
    /// - Throws: `DomainError` when denied.
    public func enforce() throws(DomainError) {
        guard isAllowed else { throw DomainError(code ?? .permissionDenied, detail: reason) }
    }

    /// `allow: reason` or `deny: reason`.
    public var description: String { (isAllowed ? "allow: " : "deny: ") + reason }
}
