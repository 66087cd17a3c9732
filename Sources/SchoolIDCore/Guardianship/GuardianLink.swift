import SchoolIDBase

/// A guardian ↔ student link: who may see a child as a parent or legal representative
/// (issue 7).
///
/// A link starts `active` when the guardian proved knowledge of the child's current
/// credentials or of a link code the school issued (``Origin/credentials``,
/// ``Origin/linkCode``), and `pending` when school staff proposed it
/// (``Origin/staffProposal``): the proposed guardian confirms or declines it in their
/// account. A link ends when a school admin unlinks it (or the guardian declines a
/// proposal); ended links stay as history. Every transition is a conditional update
/// (``GuardianLinkStore/transition(_:from:to:at:by:)``), so two parallel confirmations
/// make one.
public struct GuardianLink: Hashable, Sendable {
    /// The kind tag of link identifiers (`gln_…`).
    public enum Kind: IdentifierKind {
        public static let prefix = "gln"
        public static let noun = "a guardian link identifier"
    }

    /// A link identifier.
    public typealias ID = Identifier<Kind>

    /// How the guardian relates to the child. Raw values are the wire and stored names.
    public enum Relation: String, Hashable, Sendable, CaseIterable, Codable {
        case mother
        case father
        case legalRepresentative = "legal_representative"
        case other
    }

    /// How the link came about. Raw values are stored as text.
    public enum Origin: String, Hashable, Sendable, CaseIterable, Codable {
        /// The guardian typed the child's login and current temporary password.
        case credentials
        /// The guardian typed a link code the school issued.
        case linkCode = "link_code"
        /// A teacher or school admin proposed it; the guardian confirmed.
        case staffProposal = "staff_proposal"
    }

    /// Where the link stands. Raw values are stored as text.
    public enum State: String, Hashable, Sendable, CaseIterable, Codable {
        /// Proposed by staff, waiting for the guardian.
        case pending
        /// The guardian sees the child.
        case active
        /// Unlinked, declined or otherwise over (kept as history).
        case ended
    }

    public var id: ID
    public var guardianID: Account.ID
    public var studentID: Account.ID
    public var relation: Relation
    public var origin: Origin
    public var state: State
    /// The staff member who proposed the link (``Origin/staffProposal`` only).
    public var proposedBy: Account.ID?
    public var createdAt: UnixTime
    /// When the link became active.
    public var confirmedAt: UnixTime?
    /// When the link ended.
    public var endedAt: UnixTime?
    /// Who ended it (a school admin, or the guardian declining); `nil` for the command line.
    public var endedBy: Account.ID?

    public init(id: ID, guardianID: Account.ID, studentID: Account.ID, relation: Relation, origin: Origin,
                state: State, proposedBy: Account.ID? = nil, createdAt: UnixTime, confirmedAt: UnixTime? = nil,
                endedAt: UnixTime? = nil, endedBy: Account.ID? = nil)
    {
        self.id = id
        self.guardianID = guardianID
        self.studentID = studentID
        self.relation = relation
        self.origin = origin
        self.state = state
        self.proposedBy = proposedBy
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.endedAt = endedAt
        self.endedBy = endedBy
    }

    /// Whether the link still counts (pending or active): towards the guardian limit,
    /// and against a second link of the same pair.
    public var isOpen: Bool { state != .ended }
}
