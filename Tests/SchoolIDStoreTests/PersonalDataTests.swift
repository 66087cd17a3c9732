import SchoolIDBase
import SchoolIDStore
import SchoolIDTesting
import Testing

/// The personal-data registry (``PersonalDataColumns``) against the real schema: every
/// column of every table after all migrations is classified, and the registry names no
/// table or column the schema lacks (issue 8: the export is checked against it).
@Suite struct PersonalDataTests {
    /// Every table (SQLite's own excepted) and its columns, as `PRAGMA table_info` reports them.
    static func schemaColumns() async throws -> [String: Set<String>] {
        let temporary = try await TemporaryStorage()
        let schema = try await temporary.storage.readSQLite { tx in
            let tables: [String] = try tx.connection.query("""
                SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """).map { try $0.get(0) }
            var columns: [String: Set<String>] = [:]
            for table in tables {
                columns[table] = Set(try tx.connection.query("SELECT name FROM pragma_table_info(?)", [table])
                    .map { try $0.get(0, as: String.self) })
            }
            return columns
        }
        await temporary.remove()
        return schema
    }

    @Test("every column of every table in the migrated schema is classified as personal or not")
    func everyColumnClassified() async throws {
        let schema = try await Self.schemaColumns()
        #expect(schema.count > 20)
        for (table, columns) in schema.sorted(by: { $0.key < $1.key }) {
            let entry = PersonalDataColumns.table(table)
            #expect(entry != nil, "table \(table) is not in PersonalDataColumns: classify its columns")
            for column in columns.sorted() {
                #expect(entry?.columns[column] != nil, "\(table).\(column) is not classified in PersonalDataColumns")
            }
        }
    }

    @Test("the registry names no table or column that the schema lacks, and each table once")
    func noStaleEntries() async throws {
        let schema = try await Self.schemaColumns()
        let names = PersonalDataColumns.tables.map(\.name)
        #expect(Set(names).count == names.count)
        for table in PersonalDataColumns.tables {
            let columns = schema[table.name]
            #expect(columns != nil, "PersonalDataColumns lists \(table.name), which the schema does not have")
            for column in table.columns.keys.sorted() {
                #expect(columns?.contains(column) ?? false, "PersonalDataColumns lists \(table.name).\(column)")
            }
        }
    }

    @Test("a table with personal columns names how its rows relate to an account, and that condition runs")
    func subjectsRun() async throws {
        let temporary = try await TemporaryStorage()
        let subjects = PersonalDataColumns.tables.compactMap { table in table.subject.map { (table.name, $0) } }
        let counts = try await temporary.storage.readSQLite { tx in
            try subjects.map { name, condition in
                try tx.connection.query("SELECT count(*) FROM \(name) WHERE \(condition)", ["acc_nobody"])
                    .first?.get(0, as: Int64.self)
            }
        }
        await temporary.remove()
        #expect(counts.allSatisfy { $0 == 0 })
        for table in PersonalDataColumns.tables where table.columns.values.contains(where: { exportedPath($0) != nil }) {
            #expect(table.subject != nil, "\(table.name) has exported columns but no subject condition")
        }
    }

    private func exportedPath(_ classification: PersonalDataColumns.Classification) -> String? {
        if case .exported(let path) = classification { path } else { nil }
    }
}
