import SchoolIDBase

/// A school: its name, region, the numeric-or-letter code used in student logins, and
/// the IANA time zone its calendar (school year, grant ends) is computed in.
public struct School: Hashable, Sendable {
    /// The kind tag of school identifiers.
    public enum Kind: IdentifierKind {
        public static let prefix = "sch"
        public static let noun = "a school identifier"
    }

    /// A school's opaque identifier (`sch_…`).
    public typealias ID = Identifier<Kind>

    /// The default time zone of a school.
    public static let defaultTimeZone = "Europe/Moscow"

    public var id: ID
    /// The code in every student login of the school (unique).
    public var code: SchoolCode
    /// The school's name as people know it ("Школа № 57").
    public var name: String
    /// The region ("Москва"), free text.
    public var region: String
    /// An IANA time zone identifier.
    public var timeZone: String
    public var createdAt: UnixTime

    public init(id: ID, code: SchoolCode, name: String, region: String, timeZone: String, createdAt: UnixTime) {
        self.id = id
        self.code = code
        self.name = name
        self.region = region
        self.timeZone = timeZone
        self.createdAt = createdAt
    }
}
