import SchoolIDBase

/// A guardian's invitation of a trusted person (a nanny, a grandparent) to see one
/// linked child's chosen services, and the grant it becomes once accepted (issue 7).
///
/// Stored states are the ones an action sets (``State``); the rest are derived from
/// times (``phase(at:approvalsComplete:)``): an `invited` row past ``lapsesAt`` has
/// lapsed, an `accepted` row is active from ``activeFrom`` (and every required
/// guardian approval) until ``expiresAt``, then expired.
///
/// The invitee is named by last name plus phone or SNILS, sealed under the inviting
/// guardian's owner key (``TrustedInvitee``) with ``matchIndex`` — a blind index of
/// the normalised last name and identifier — through which a matching account finds
/// it. For a SNILS invitation ``codeHMAC`` holds the HMAC of the acceptance code the
/// guardian passes on out of band (needed when the match is on a *declared* SNILS).
public struct TrustedInvitation: Hashable, Sendable {
    /// The kind tag of invitation identifiers (`tin_…`).
    public enum Kind: IdentifierKind {
        public static let prefix = "tin"
        public static let noun = "an invitation identifier"
    }

    /// An invitation identifier.
    public typealias ID = Identifier<Kind>

    /// What an action last made of the invitation. Raw values are stored as text.
    public enum State: String, Hashable, Sendable, CaseIterable {
        case invited
        case declined
        case accepted
        case revoked
    }

    /// Where the invitation stands at a given time. Raw values are the wire names.
    public enum Phase: String, Hashable, Sendable, CaseIterable, Codable {
        /// Waiting for the invitee (within the acceptance window).
        case invited
        /// Not accepted within the window.
        case lapsed
        /// The invitee said no.
        case declined
        /// Accepted; waiting for the activation delay or guardians' approvals.
        case accepted
        /// The trusted person sees the granted services.
        case active
        /// A guardian (or the trusted person) ended it.
        case revoked
        /// Past its end (the school year's, or the guardian's earlier date).
        case expired
    }

    public var id: ID
    public var studentID: Account.ID
    /// The inviting guardian (whose owner key seals ``invitee``).
    public var guardianID: Account.ID
    /// The child's school (its time zone sets the end of the school year).
    public var schoolID: School.ID
    public var services: Set<Service>
    /// How the invitee is identified.
    public var identifierKind: TrustedInvitee.Kind
    /// The sealed ``TrustedInvitee``.
    public var invitee: [UInt8]
    /// ``TrustedInvitee/matchIndex(key:)`` under the keyring's `index` key.
    public var matchIndex: [UInt8]
    /// ``AcceptanceCode/hash(_:key:)`` of the acceptance code (SNILS invitations).
    public var codeHMAC: [UInt8]?
    /// The `otp` key version of ``codeHMAC``.
    public var codeKeyVersion: Int?
    /// Whether activation waits for the other guardians' approvals (policy at creation).
    public var requiresApproval: Bool
    public var state: State
    public var createdAt: UnixTime
    /// The end of the acceptance window (exclusive).
    public var lapsesAt: UnixTime
    /// An end the guardian set, earlier than the school year's (exclusive).
    public var endsBy: UnixTime?
    /// The account that accepted or declined.
    public var inviteeID: Account.ID?
    public var acceptedAt: UnixTime?
    /// When access starts (acceptance plus the activation delay).
    public var activeFrom: UnixTime?
    /// When access ends (exclusive).
    public var expiresAt: UnixTime?
    /// When it was declined or revoked, and by whom.
    public var endedAt: UnixTime?
    public var endedBy: Account.ID?

    public init(id: ID, studentID: Account.ID, guardianID: Account.ID, schoolID: School.ID, services: Set<Service>,
                identifierKind: TrustedInvitee.Kind, invitee: [UInt8], matchIndex: [UInt8], codeHMAC: [UInt8]?,
                codeKeyVersion: Int?, requiresApproval: Bool, state: State = .invited, createdAt: UnixTime,
                lapsesAt: UnixTime, endsBy: UnixTime?, inviteeID: Account.ID? = nil, acceptedAt: UnixTime? = nil,
                activeFrom: UnixTime? = nil, expiresAt: UnixTime? = nil, endedAt: UnixTime? = nil,
                endedBy: Account.ID? = nil)
    {
        self.id = id
        self.studentID = studentID
        self.guardianID = guardianID
        self.schoolID = schoolID
        self.services = services
        self.identifierKind = identifierKind
        self.invitee = invitee
        self.matchIndex = matchIndex
        self.codeHMAC = codeHMAC
        self.codeKeyVersion = codeKeyVersion
        self.requiresApproval = requiresApproval
        self.state = state
        self.createdAt = createdAt
        self.lapsesAt = lapsesAt
        self.endsBy = endsBy
        self.inviteeID = inviteeID
        self.acceptedAt = acceptedAt
        self.activeFrom = activeFrom
        self.expiresAt = expiresAt
        self.endedAt = endedAt
        self.endedBy = endedBy
    }

    /// The phase at `now`.
    /// - Parameter approvalsComplete: whether every required approval was given (pass
    ///   `true` when ``requiresApproval`` is `false`).
    public func phase(at now: UnixTime, approvalsComplete: Bool) -> Phase {
        switch state {
        case .declined: return .declined
        case .revoked: return .revoked
        case .invited: return now < lapsesAt ? .invited : .lapsed
        case .accepted:
            if let expiresAt, now >= expiresAt { return .expired }
            guard let activeFrom, now >= activeFrom, approvalsComplete || !requiresApproval else { return .accepted }
            return .active
        }
    }
}

/// One guardian's approval of an invitation, needed when the policy requires every
/// guardian's approval before activation.
public struct TrustedApproval: Hashable, Sendable {
    public var invitationID: TrustedInvitation.ID
    public var guardianID: Account.ID
    /// `nil` until the guardian approves.
    public var approvedAt: UnixTime?

    public init(invitationID: TrustedInvitation.ID, guardianID: Account.ID, approvedAt: UnixTime?) {
        self.invitationID = invitationID
        self.guardianID = guardianID
        self.approvedAt = approvedAt
    }
}
