import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDStore
import SchoolIDTesting
import Testing

/// What `schoolid ledger verify` runs (``Ledger/check()``) against rows edited with SQL:
/// each tampering is reported with the row's index.
@Suite struct LedgerCheckTests {
    /// Nine receipts and checkpoints at sizes 4 and 9, then `sql` run on the database.
    private static func tampered(_ sql: String) async throws -> LedgerCheck.Report {
        var report: LedgerCheck.Report?
        try await LedgerWorld.run { world in
            try await world.appendReceipts(4)
            _ = try await world.ledger.newestCheckpoint()
            try await world.appendReceipts(5)
            _ = try await world.ledger.newestCheckpoint()
            if !sql.isEmpty {
                try await world.application.environment.storage.write { tx in
                    try (tx as! SQLiteWriteTransaction).connection.executeScript(sql)
                }
            }
            report = try await world.ledger.check()
        }
        return try #require(report)
    }

    @Test("a clean ledger passes")
    func clean() async throws {
        let report = try await Self.tampered("")
        #expect(report.problems == [])
        #expect(report.entries == 9 && report.checkpoints == 2)
    }

    @Test("an edited leaf is reported with its index and the checkpoints covering it")
    func editedLeaf() async throws {
        let report = try await Self.tampered("UPDATE ledger_entries SET leaf_data = zeroblob(32) WHERE ledger_index = 6;")
        #expect(report.problems == ["entry 6: leaf does not match its body", "checkpoint 9: root differs; rows 4..8 changed"])
    }

    @Test("a deleted row is reported missing")
    func deletedRow() async throws {
        let report = try await Self.tampered("DELETE FROM ledger_entries WHERE ledger_index = 2;")
        #expect(report.problems == ["entry 2: missing", "checkpoint 4: root differs; rows 0..3 changed",
                                    "checkpoint 9: root differs; rows 0..8 changed"])
    }

    @Test("swapped rows are reported with both indices")
    func swappedRows() async throws {
        let report = try await Self.tampered("""
            UPDATE ledger_entries SET ledger_index = 100 WHERE ledger_index = 5;
            UPDATE ledger_entries SET ledger_index = 5 WHERE ledger_index = 7;
            UPDATE ledger_entries SET ledger_index = 7 WHERE ledger_index = 100;
            """)
        #expect(report.problems == ["entry 5: leaf does not match its body", "entry 7: leaf does not match its body",
                                    "checkpoint 9: root differs; rows 4..8 changed"])
    }

    @Test("rows swapped with their bodies are reported: the bodies do not open as the rows'")
    func swappedRowsAndBodies() async throws {
        let report = try await Self.tampered("""
            UPDATE ledger_entries SET ledger_index = 100 WHERE ledger_index = 1;
            UPDATE ledger_entries SET ledger_index = 1 WHERE ledger_index = 3;
            UPDATE ledger_entries SET ledger_index = 3 WHERE ledger_index = 100;
            UPDATE ledger_bodies SET ledger_index = 100 WHERE ledger_index = 1;
            UPDATE ledger_bodies SET ledger_index = 1 WHERE ledger_index = 3;
            UPDATE ledger_bodies SET ledger_index = 3 WHERE ledger_index = 100;
            """)
        #expect(report.problems == [
            "entry 1: body does not open as this row's (moved or edited)",
            "entry 3: body does not open as this row's (moved or edited)",
            "checkpoint 4: root differs; rows 0..3 changed", "checkpoint 9: root differs; rows 0..8 changed",
        ])
    }

    @Test("an edited checkpoint root is reported with its size")
    func editedCheckpoint() async throws {
        let report = try await Self.tampered("UPDATE ledger_checkpoints SET root = zeroblob(32) WHERE tree_size = 9;")
        #expect(report.problems == ["checkpoint 9: the row differs from its signed tree size and root"])
    }

    @Test("a checkpoint whose JWS was replaced is reported with its size")
    func forgedCheckpoint() async throws {
        let report = try await Self.tampered("""
            UPDATE ledger_checkpoints SET compact = (SELECT compact FROM ledger_checkpoints WHERE tree_size = 4)
            WHERE tree_size = 9;
            """)
        #expect(report.problems == ["checkpoint 9: the row differs from its signed tree size and root",
                                    "checkpoint 9: root differs; rows 4..8 changed"])
    }
}
