import SchoolIDBase
import SchoolIDStore
import SchoolIDTesting
import Testing

@Suite struct SQLiteStatementTests {
    static func withConnection(_ body: (SQLiteConnection) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        defer { connection.close() }
        try connection.execute("""
            CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, flag INTEGER, at INTEGER, n ANY) STRICT
            """)
        try body(connection)
    }

    @Test("binds and reads every value type, including empty blobs, NULL and Bool")
    func typedRoundTrip() throws {
        try Self.withConnection { connection in
            try connection.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   [Int64.max, 2.5, "Ёлка 🎄", [UInt8](), true, UnixTime(seconds: 1_700_000_000), SQLiteValue.null])
            try connection.execute("INSERT INTO t (b, flag, s) VALUES (?, ?, ?)", [[UInt8]([0, 255]), false, String?.none])
            let rows = try connection.query("SELECT i, r, s, b, flag, at, n FROM t ORDER BY rowid")
            #expect(try rows[0].get(0, as: Int64.self) == Int64.max)
            #expect(try rows[0].get(1, as: Double.self) == 2.5)
            #expect(try rows[0].get(2, as: String.self) == "Ёлка 🎄")
            #expect(try rows[0].get(3, as: [UInt8].self) == [])
            #expect(try rows[0].get(4, as: Bool.self) == true)
            #expect(try rows[0].get(5, as: UnixTime.self) == UnixTime(seconds: 1_700_000_000))
            #expect(rows[0][6] == .null)
            #expect(try rows[1].get(3, as: [UInt8].self) == [0, 255])
            #expect(try rows[1].get(4, as: Bool.self) == false)
            #expect(try rows[1].get(2, as: String?.self) == nil)
        }
    }

    @Test("reading a NULL as a non-optional type is a mismatch")
    func mismatch() throws {
        try Self.withConnection { connection in
            try connection.execute("INSERT INTO t (i) VALUES (NULL)")
            let row = try #require(try connection.queryFirst("SELECT i FROM t"))
            #expect { try row.get(0, as: Int64.self) } throws: { SQLiteError.ResultCode.mismatch ~= $0 }
        }
    }

    @Test("errors carry the code, message and SQL but never the bound arguments")
    func errorsHideArguments() throws {
        try Self.withConnection { connection in
            try connection.execute("CREATE TABLE u (secret TEXT PRIMARY KEY) STRICT")
            try connection.execute("INSERT INTO u VALUES (?)", ["hunter2-secret"])
            let error = try #require(throws: SQLiteError.self) {
                try connection.execute("INSERT INTO u VALUES (?)", ["hunter2-secret"])
            }
            #expect(error.code == .constraintPrimaryKey)
            #expect(SQLiteError.ResultCode.constraint ~= error.code)
            #expect(!(SQLiteError.ResultCode.constraintUnique ~= error.code))
            #expect(error.sql == "INSERT INTO u VALUES (?)")
            #expect(error.description.contains("INSERT INTO u VALUES (?)"))
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test("no statement is left busy after use, after a failure or a throwing row handler, and close finalizes all")
    func statementsReset() throws {
        struct Stop: Error {}
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE v (x INTEGER PRIMARY KEY) STRICT")
        for x in 1...5 { try connection.execute("INSERT INTO v VALUES (?)", [x]) }
        _ = try connection.queryFirst("SELECT x FROM v ORDER BY x")  // stops after the first row
        #expect(throws: Stop.self) { try connection.forEachRow("SELECT x FROM v") { _ in throw Stop() } }
        #expect(throws: SQLiteError.self) { try connection.execute("INSERT INTO v VALUES (?)", [1]) }
        #expect(throws: SQLiteError.self) { try connection.execute("INSERT INTO v VALUES (?)", [1, 2]) }
        _ = try connection.query("SELECT x FROM v")  // cached statement reused
        #expect(connection.busyStatements() == [])
        #expect(connection.preparedStatementCount > 0)
        connection.close()
        #expect(connection.isClosed)
        #expect(connection.preparedStatementCount == 0)
        #expect(throws: SQLiteError.self) { try connection.execute("SELECT 1") }
    }
}
