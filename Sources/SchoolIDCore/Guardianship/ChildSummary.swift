import SchoolIDBase

/// One child in a guardian's list: who, where they study, and the link.
public struct ChildSummary: Hashable, Sendable {
    /// A school, by id and name.
    public struct SchoolRef: Hashable, Sendable {
        public var id: School.ID
        public var name: String
    }

    /// A class, by id and name (`7Б`).
    public struct ClassRef: Hashable, Sendable {
        public var id: SchoolClass.ID
        public var name: String
    }

    public var studentID: Account.ID
    public var login: Login?
    /// "Фамилия Имя Отчество" (opened from the sealed profile).
    public var name: String
    public var school: SchoolRef
    public var schoolClass: ClassRef
    public var relation: GuardianLink.Relation
    public var linkID: GuardianLink.ID
}
