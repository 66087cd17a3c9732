import SchoolIDBase

/// A diary service's request that a student's guardian acknowledge ("sign") a document:
/// a teacher's note, a school notice, the diary itself (issue 10).
///
/// The document is named by the client's own id and bound by the SHA-256 digest of its
/// bytes (FIPS 180-4), as lowercase hex; SchoolID never holds the document. The title is
/// personal (it may name the child's marks or behaviour) and is stored sealed under the
/// student's owner key (``sealedTitle``), so erasing the student shreds it. A request is
/// unique per (client, document id, digest): asking again returns the stored one.
public struct Acknowledgement: Hashable, Sendable {
    /// The kind tag of acknowledgement identifiers (`ack_…`).
    public enum Kind: IdentifierKind {
        public static let prefix = "ack"
        public static let noun = "an acknowledgement identifier"
    }

    /// An acknowledgement identifier: `ack_` + 128 random bits, base64url.
    public typealias ID = Identifier<Kind>

    /// Where a request stands.
    public enum State: String, Hashable, Sendable, CaseIterable {
        /// Waiting for a guardian's signature.
        case pending
        /// Signed; ``signedAt`` and ``signedBy`` say when and by whom.
        case signed
        /// Withdrawn by a guardian after signing (the signed entry stays in the ledger).
        case withdrawn
    }

    /// The longest title, in characters (`Character`s, as a person counts them).
    public static let maximumTitleLength = 200
    /// The longest client document id, in bytes of visible ASCII.
    public static let maximumDocumentIDLength = 128
    /// How many characters of the title a notification shows.
    public static let notificationTitleLength = 40

    public var id: ID
    /// The diary service that asked.
    public var clientID: OAuthClient.ID
    public var studentID: Account.ID
    /// The client's id of the document (visible ASCII, 1…128 bytes).
    public var documentID: String
    /// SHA-256 of the document's bytes, 64 lowercase hex digits.
    public var digest: String
    /// The title, sealed under the student's owner key (see ``sealTitle(_:for:under:)``).
    public var sealedTitle: [UInt8]
    /// The last moment to sign, if the client set one.
    public var deadline: UnixTime?
    public var state: State
    public var createdAt: UnixTime
    public var signedAt: UnixTime?
    public var signedBy: Account.ID?
    /// The ledger index of the receipt (set with ``signedAt``).
    public var ledgerIndex: Int?
    /// When a guardian withdrew the signature.
    public var withdrawnAt: UnixTime?
    /// The ledger index of the withdrawal entry (set with ``withdrawnAt``).
    public var withdrawalIndex: Int?

    public init(id: ID, clientID: OAuthClient.ID, studentID: Account.ID, documentID: String, digest: String,
                sealedTitle: [UInt8], deadline: UnixTime?, state: State = .pending, createdAt: UnixTime,
                signedAt: UnixTime? = nil, signedBy: Account.ID? = nil, ledgerIndex: Int? = nil,
                withdrawnAt: UnixTime? = nil, withdrawalIndex: Int? = nil)
    {
        self.id = id
        self.clientID = clientID
        self.studentID = studentID
        self.documentID = documentID
        self.digest = digest
        self.sealedTitle = sealedTitle
        self.deadline = deadline
        self.state = state
        self.createdAt = createdAt
        self.signedAt = signedAt
        self.signedBy = signedBy
        self.ledgerIndex = ledgerIndex
        self.withdrawnAt = withdrawnAt
        self.withdrawalIndex = withdrawalIndex
    }

    static func titleContext(_ id: ID) -> SealedField.Context {
        SealedField.Context(table: "acknowledgements", column: "title", rowID: id.rawValue)
    }

    /// Seals `title` for acknowledgement `id` under the student's owner key.
    /// - Throws: a sealing error.
    public static func sealTitle(_ title: String, for id: ID, under key: SealingKey) throws -> [UInt8] {
        try SealedField.seal(title, under: key, for: titleContext(id)).serialized
    }

    /// Opens the sealed title with the student's owner key.
    /// - Throws: a sealing error (a shredded key, another row's ciphertext).
    public func title(under key: SealingKey) throws -> String {
        try SealedField(serialized: sealedTitle).openString(with: key, for: Self.titleContext(id))
    }

    /// Whether `text` is a SHA-256 digest as stored: exactly 64 lowercase hex digits.
    public static func isDigest(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 64 && bytes.allSatisfy {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
        }
    }

    /// Whether `text` is a client document id: 1…128 bytes of visible ASCII (`!`…`~`).
    public static func isDocumentID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (1...maximumDocumentIDLength).contains(bytes.count)
            && bytes.allSatisfy { (UInt8(ascii: "!")...UInt8(ascii: "~")).contains($0) }
    }

    /// `title`'s first ``notificationTitleLength`` characters, with `…` when cut.
    public static func truncatedTitle(_ title: String) -> String {
        title.count <= notificationTitleLength ? title : String(title.prefix(notificationTitleLength - 1)) + "…"
    }
}
