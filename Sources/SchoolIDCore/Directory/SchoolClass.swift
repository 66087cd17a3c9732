import SchoolIDBase

/// A class of one school in one school year: grade 1–11 and a letter (`7Б`).
public struct SchoolClass: Hashable, Sendable {
    /// The kind tag of class identifiers.
    public enum Kind: IdentifierKind {
        public static let prefix = "cls"
        public static let noun = "a class identifier"
    }

    /// A class's opaque identifier (`cls_…`).
    public typealias ID = Identifier<Kind>

    /// The letters classes are named with, in order: the letter index in logins is the
    /// position here (А = 1). Ё, Й, Ъ, Ы, Ь are not used for classes.
    public static let letters: [Character] = Array("АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ")

    /// Grades a class may have.
    public static let grades = 1...11

    public var id: ID
    public var schoolID: School.ID
    /// 1–11.
    public var grade: Int
    /// One of ``letters``.
    public var letter: Character
    /// The calendar year the school year starts (2026 for 2026/27).
    public var schoolYearStart: Int
    public var createdAt: UnixTime

    public init(id: ID, schoolID: School.ID, grade: Int, letter: Character, schoolYearStart: Int, createdAt: UnixTime) {
        self.id = id
        self.schoolID = schoolID
        self.grade = grade
        self.letter = letter
        self.schoolYearStart = schoolYearStart
        self.createdAt = createdAt
    }

    /// The class's name as schools write it: `7Б`.
    public var name: String { "\(grade)\(letter)" }

    /// The letter's position in ``letters`` (А = 1).
    public var letterIndex: Int { (Self.letters.firstIndex(of: letter) ?? 0) + 1 }
}
