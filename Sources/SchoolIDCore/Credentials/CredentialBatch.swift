import SchoolIDBase

/// A job that issues logins and temporary passwords for a class roster.
///
/// The roster and, once finished, the generated credentials are sealed under the batch's
/// own key (an owner key whose owner id is the batch id, see ``OwnerKeys``); purging
/// destroys that key and both blobs. All-or-nothing: the accounts appear in one write
/// when every password has been hashed.
public struct CredentialBatch: Hashable, Sendable {
    /// The kind tag of batch identifiers.
    public enum Kind: IdentifierKind {
        public static let prefix = "bat"
        public static let noun = "a credential batch identifier"
    }

    /// A batch's opaque identifier (`bat_…`).
    public typealias ID = Identifier<Kind>

    /// Where the job is.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case queued
        case running
        case finished
        case failed
    }

    /// The two one-time downloads of a finished batch.
    public enum Download: String, Hashable, Sendable, CaseIterable {
        /// The printable slip page.
        case slips
        /// The CSV file.
        case csv
    }

    public var id: ID
    public var schoolID: School.ID
    public var classID: SchoolClass.ID
    /// Who asked (teacher or school admin).
    public var requestedBy: Account.ID
    public var status: Status
    /// Students in the roster.
    public var total: Int
    /// Students whose password has been hashed so far.
    public var completed: Int
    /// The error code when ``status`` is `.failed`.
    public var failureCode: String?
    /// The roster, sealed (serialized ``SealedField``); `nil` once purged.
    public var sealedRoster: [UInt8]?
    /// The issued logins and passwords, sealed; `nil` until finished and after purge.
    public var sealedResult: [UInt8]?
    public var createdAt: UnixTime
    public var finishedAt: UnixTime?
    /// When the result is purged at the latest.
    public var purgeAt: UnixTime?
    /// When each download was taken (each at most once).
    public var downloadedAt: [Download: UnixTime]

    public init(id: ID, schoolID: School.ID, classID: SchoolClass.ID, requestedBy: Account.ID, status: Status = .queued,
                total: Int, completed: Int = 0, failureCode: String? = nil, sealedRoster: [UInt8]?,
                sealedResult: [UInt8]? = nil, createdAt: UnixTime, finishedAt: UnixTime? = nil, purgeAt: UnixTime? = nil,
                downloadedAt: [Download: UnixTime] = [:])
    {
        self.id = id
        self.schoolID = schoolID
        self.classID = classID
        self.requestedBy = requestedBy
        self.status = status
        self.total = total
        self.completed = completed
        self.failureCode = failureCode
        self.sealedRoster = sealedRoster
        self.sealedResult = sealedResult
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.purgeAt = purgeAt
        self.downloadedAt = downloadedAt
    }
}
