import SchoolIDBase

/// The pattern that builds student logins, e.g.
/// `{school_code}{year:2}{grade:2}{letter_index:1}{seq:3}` → `s572509101`… for the
/// first student of class 9А in the 2025/26 school year at school `s57`.
///
/// Language: literal characters from `a–z 0–9 . _ -`, and fields `{name}` or
/// `{name:width}`. Class fields come first and give every student of a class the same
/// prefix (DESIGN "Temporary credentials"); then exactly one student field tells
/// students apart; literals may appear anywhere. Each field appears at most once.
///
/// | field | value | width |
/// | --- | --- | --- |
/// | `school_code` | the school's ``SchoolCode`` | none |
/// | `year` | the year the school year starts, last digits | 2 or 4 |
/// | `grade` | the class number 1–11, zero-padded | 1–2 |
/// | `letter_index` | the class letter's position (А = 1, Б = 2, …), zero-padded | 1–2 |
/// | `seq` | the student's number in the class, zero-padded (student field) | 1–6 |
/// | `random` | random digits (student field) | 3–12 |
public struct LoginPattern: Hashable, Sendable, CustomStringConvertible {
    /// One piece of a pattern.
    public enum Segment: Hashable, Sendable {
        /// Fixed text.
        case literal(String)
        /// `{school_code}`.
        case schoolCode
        /// `{year:w}`: last `w` digits of the year the school year starts.
        case year(width: Int)
        /// `{grade:w}`: class number, zero-padded.
        case grade(width: Int)
        /// `{letter_index:w}`: class letter position, zero-padded.
        case letterIndex(width: Int)
        /// `{seq:w}`: the student's number in the class, zero-padded.
        case sequence(width: Int)
        /// `{random:w}`: `w` random digits.
        case random(width: Int)

        /// Whether the segment varies per student rather than per class.
        var isStudentField: Bool {
            switch self {
            case .sequence, .random: true
            default: false
            }
        }
    }

    /// The values a class contributes to its logins.
    public struct ClassValues: Hashable, Sendable {
        /// The school's code.
        public var schoolCode: SchoolCode
        /// The calendar year in which the school year starts, e.g. 2025 for 2025/26.
        public var schoolYearStart: Int
        /// The class number, 1–11.
        public var grade: Int
        /// The class letter's position, 1 for А.
        public var letterIndex: Int

        /// Creates the values.
        public init(schoolCode: SchoolCode, schoolYearStart: Int, grade: Int, letterIndex: Int) {
            self.schoolCode = schoolCode
            self.schoolYearStart = schoolYearStart
            self.grade = grade
            self.letterIndex = letterIndex
        }
    }

    /// The parsed segments, in order.
    public let segments: [Segment]
    /// The pattern text as written in the policy.
    public let source: String

    public var description: String { source }

    /// The prefix all logins of a class share: every segment before the student field.
    /// - Throws: `DomainError(.loginPatternOverflow)` when a value does not fit its width.
    public func classPrefix(_ values: ClassValues) throws(DomainError) -> String {
        var text = ""
        for segment in segments {
            if segment.isStudentField { break }
            text += try render(segment, values, sequence: 0, random: nil)
        }
        return text
    }

    /// The login of student number `sequence` (from 1) of a class.
    /// - Parameters:
    ///   - values: the class's values.
    ///   - sequence: the student's number in the class (used by `seq`).
    ///   - random: the source for `random` digits.
    /// - Throws: `DomainError(.loginPatternOverflow)` when a value does not fit its width,
    ///   or a login error when the result is not a valid ``Login``.
    public func login(_ values: ClassValues, sequence: Int, random: any RandomSource) throws(DomainError) -> Login {
        var text = ""
        for segment in segments { text += try render(segment, values, sequence: sequence, random: random) }
        return try Login(parsing: text)
    }

    private func render(_ segment: Segment, _ values: ClassValues, sequence: Int, random: (any RandomSource)?)
        throws(DomainError) -> String
    {
        switch segment {
        case .literal(let text): return text
        case .schoolCode: return values.schoolCode.rawValue
        case .year(let width): return String(String(values.schoolYearStart).suffix(width))
        case .grade(let width): return try Self.padded(values.grade, width: width, field: "grade")
        case .letterIndex(let width): return try Self.padded(values.letterIndex, width: width, field: "letter_index")
        case .sequence(let width): return try Self.padded(sequence, width: width, field: "seq")
        case .random(let width):
            return String((0..<width).map { _ in Character(String(random?.uniform(below: 10) ?? 0)) })
        }
    }

    static func padded(_ value: Int, width: Int, field: String) throws(DomainError) -> String {
        let digits = String(value)
        guard value >= 0, digits.count <= width else {
            throw DomainError(.loginPatternOverflow, detail: "\(field) \(value) does not fit \(width) digits")
        }
        return String(repeating: "0", count: width - digits.count) + digits
    }
}
