import SchoolIDBase

/// A student's place in one class for one school year. A student has at most one
/// active enrolment per school; ending it revokes the student's sessions.
public struct Enrolment: Hashable, Sendable {
    /// The kind tag of enrolment identifiers.
    public enum Kind: IdentifierKind {
        public static let prefix = "enr"
        public static let noun = "an enrolment identifier"
    }

    /// An enrolment's opaque identifier (`enr_…`).
    public typealias ID = Identifier<Kind>

    public var id: ID
    public var studentID: Account.ID
    public var classID: SchoolClass.ID
    public var schoolID: School.ID
    public var startedAt: UnixTime
    public var endedAt: UnixTime?

    public init(id: ID, studentID: Account.ID, classID: SchoolClass.ID, schoolID: School.ID, startedAt: UnixTime,
                endedAt: UnixTime? = nil)
    {
        self.id = id
        self.studentID = studentID
        self.classID = classID
        self.schoolID = schoolID
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
