import SchoolIDBase

/// An invitation as its invitee sees it (``TrustedAccessService/received(actor:)``).
public struct ReceivedInvitation: Sendable {
    public var invitation: TrustedInvitation
    public var phase: TrustedInvitation.Phase
    /// Whether accepting needs the code the guardian passes on (a declared-SNILS match).
    public var acceptanceCodeRequired: Bool
    /// The child's name; `nil` until the code is proven (declared-SNILS match).
    public var studentName: String?
    /// The inviting guardian's name; `nil` like ``studentName``.
    public var guardianName: String?
}

/// An invitation as a guardian of the child sees it (``TrustedAccessService/sent(actor:)``).
public struct SentInvitation: Sendable {
    public var invitation: TrustedInvitation
    public var phase: TrustedInvitation.Phase
    /// The invitee as the inviting guardian named them.
    public var invitee: TrustedInvitee
    /// Approvals the grant waits for (empty unless the policy required them).
    public var approvals: [TrustedApproval]
    /// Whether the person asking sent it.
    public var sentByMe: Bool
}
