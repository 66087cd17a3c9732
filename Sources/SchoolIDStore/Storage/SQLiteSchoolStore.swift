import SchoolIDBase
import SchoolIDCore

/// `schools` rows as ``School`` values.
struct SQLiteSchoolStore: SchoolStore {
    let connection: SQLiteConnection

    /// One `schools` row; hides the column layout from the domain.
    private struct Record {
        static let columns = "id, code, name, region, time_zone, created_at"

        var school: School

        init(_ school: School) { self.school = school }

        init(row: SQLiteRow) throws {
            school = School(
                id: try row.value(0), code: try row.value(1), name: try row.get(2), region: try row.get(3),
                timeZone: try row.get(4), createdAt: try row.get(5))
        }

        var arguments: [any SQLiteValueConvertible] {
            [school.id.rawValue, school.code.rawValue, school.name, school.region, school.timeZone, school.createdAt]
        }
    }

    func school(_ id: School.ID) throws -> School? {
        try connection.queryFirst("SELECT \(Record.columns) FROM schools WHERE id = ?", [id.rawValue])
            .map { try Record(row: $0).school }
    }

    func school(code: SchoolCode) throws -> School? {
        try connection.queryFirst("SELECT \(Record.columns) FROM schools WHERE code = ?", [code.rawValue])
            .map { try Record(row: $0).school }
    }

    func schools() throws -> [School] {
        try connection.query("SELECT \(Record.columns) FROM schools ORDER BY code").map { try Record(row: $0).school }
    }

    func insert(_ school: School) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO schools (\(Record.columns)) VALUES (?, ?, ?, ?, ?, ?)", Record(school).arguments)
        }
    }
}
