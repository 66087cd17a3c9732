import SchoolIDBase
import SchoolIDCore

/// `classes` and `class_teachers` rows as ``SchoolClass`` values and teacher links.
struct SQLiteClassStore: ClassStore {
    let connection: SQLiteConnection

    /// One `classes` row; hides the column layout (and `next_sequence`) from the domain.
    private struct Record {
        static let columns = "id, school_id, grade, letter, school_year_start, created_at"

        var schoolClass: SchoolClass

        init(_ schoolClass: SchoolClass) { self.schoolClass = schoolClass }

        init(row: SQLiteRow) throws {
            let letter: String = try row.get(3)
            guard letter.count == 1, let character = letter.first else {
                throw SQLiteError(code: .mismatch, message: "column 3: not a class letter")
            }
            schoolClass = SchoolClass(
                id: try row.value(0), schoolID: try row.value(1), grade: try row.get(2), letter: character,
                schoolYearStart: try row.get(4), createdAt: try row.get(5))
        }

        var arguments: [any SQLiteValueConvertible] {
            [schoolClass.id.rawValue, schoolClass.schoolID.rawValue, schoolClass.grade, String(schoolClass.letter),
             schoolClass.schoolYearStart, schoolClass.createdAt]
        }
    }

    func schoolClass(_ id: SchoolClass.ID) throws -> SchoolClass? {
        try connection.queryFirst("SELECT \(Record.columns) FROM classes WHERE id = ?", [id.rawValue])
            .map { try Record(row: $0).schoolClass }
    }

    func classes(in schoolID: School.ID, schoolYearStart: Int?) throws -> [SchoolClass] {
        // Class letters are consecutive code points (Ё is not used), so text order is
        // alphabetical order.
        try connection.query("""
            SELECT \(Record.columns) FROM classes
            WHERE school_id = ?1 AND (?2 IS NULL OR school_year_start = ?2)
            ORDER BY school_year_start, grade, letter
            """, [schoolID.rawValue, schoolYearStart]).map { try Record(row: $0).schoolClass }
    }

    func teachers(of classID: SchoolClass.ID) throws -> [Account.ID] {
        try connection.query("SELECT account_id FROM class_teachers WHERE class_id = ? ORDER BY account_id", [classID.rawValue])
            .map { try $0.value(0) }
    }

    func classes(taughtBy teacherID: Account.ID) throws -> [SchoolClass.ID] {
        try connection.query("SELECT class_id FROM class_teachers WHERE account_id = ? ORDER BY class_id", [teacherID.rawValue])
            .map { try $0.value(0) }
    }

    func insert(_ schoolClass: SchoolClass) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO classes (\(Record.columns)) VALUES (?, ?, ?, ?, ?, ?)", Record(schoolClass).arguments)
        }
    }

    func assign(teacher teacherID: Account.ID, to classID: SchoolClass.ID) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO class_teachers (class_id, account_id) VALUES (?, ?)
                ON CONFLICT (class_id, account_id) DO NOTHING
                """, [classID.rawValue, teacherID.rawValue])
        }
    }

    /// One statement reserves the numbers, so concurrent units can never be handed the
    /// same ones (STYLE §4.4).
    func reserveSequences(in classID: SchoolClass.ID, count: Int) throws -> ClosedRange<Int> {
        precondition(count > 0, "reserve at least one sequence number")
        let next = try connection.queryFirst("""
            UPDATE classes SET next_sequence = next_sequence + ?2 WHERE id = ?1 RETURNING next_sequence
            """, [classID.rawValue, count])
        guard let next else { throw StoreError.notFound }
        let end: Int = try next.get(0)
        return (end - count)...(end - 1)
    }
}
