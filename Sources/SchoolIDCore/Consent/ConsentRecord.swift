import SchoolIDBase

/// One consent to the processing of personal data (152-FZ art. 9; GDPR Art. 7(1): the
/// controller must be able to show that consent was given): who gave it, about whose
/// data, on what basis, to which text version, through which channel and when.
///
/// No personal data is in it: only pseudonymous account ids, a version and a time.
public struct ConsentRecord: Hashable, Sendable {
    /// The kind tag of consent identifiers (`cns_…`).
    public enum Kind: IdentifierKind {
        public static let prefix = "cns"
        public static let noun = "a consent identifier"
    }

    /// A consent identifier.
    public typealias ID = Identifier<Kind>

    /// Why the giver may consent for the subject.
    public enum Basis: String, Hashable, Sendable, CaseIterable {
        /// The subject consents for their own data.
        case own
        /// A guardian consents for a child as their legal representative (152-FZ art. 9 §6).
        case legalRepresentative = "legal_representative"
    }

    /// How the consent was given.
    public enum Channel: String, Hashable, Sendable, CaseIterable {
        /// A page of this service (a browser form).
        case web
        /// The JSON API (`/v1/…`).
        case api
    }

    public var id: ID
    /// The account whose data the consent covers.
    public var subjectID: Account.ID
    /// The adult who gave it (the subject themself for ``Basis/own``).
    public var givenBy: Account.ID
    public var basis: Basis
    /// The version of the consent text (`consent.json` `current_text_version` then).
    public var textVersion: Int
    public var channel: Channel
    public var givenAt: UnixTime

    public init(id: ID, subjectID: Account.ID, givenBy: Account.ID, basis: Basis, textVersion: Int, channel: Channel,
                givenAt: UnixTime)
    {
        self.id = id
        self.subjectID = subjectID
        self.givenBy = givenBy
        self.basis = basis
        self.textVersion = textVersion
        self.channel = channel
        self.givenAt = givenAt
    }
}
