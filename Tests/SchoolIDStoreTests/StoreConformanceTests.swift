import SchoolIDBase
import SchoolIDCore
import SchoolIDStore
import SchoolIDTesting
import Testing

/// The shared store conformance suite against SQLite, one temporary file per case.
@Suite struct StoreConformanceTests {
    @Test("SQLiteStorage conforms", arguments: StoreConformance.cases)
    func conforms(_ testCase: StoreConformance.Case) async throws {
        let temporary = try await TemporaryStorage()
        do {
            try await testCase.run(on: temporary.storage)
        } catch {
            await temporary.remove()
            throw error
        }
        await temporary.remove()
    }
}

/// What only the SQLite schema guarantees, below the store protocols.
@Suite struct SQLiteDirectorySchemaTests {
    @Test("the audit table refuses UPDATE and DELETE even through raw SQL", arguments: [
        "UPDATE audit_events SET detail = 'rewritten'",
        "DELETE FROM audit_events",
    ])
    func auditIsAppendOnly(_ sql: String) async throws {
        let temporary = try await TemporaryStorage()
        let storage = temporary.storage
        _ = try await storage.write { tx in
            try tx.audit.append(AuditEvent(at: StoreSamples.t0, action: .schoolCreated, clientAddress: "cli", requestID: "r1"))
        }
        await #expect(throws: SQLiteError.self) {
            try await storage.writeSQLite { tx in try tx.connection.execute(sql) }
        }
        let events = try await storage.read { tx in try tx.audit.events(AuditQuery()) }
        #expect(events.map(\.detail) == [""])
        await temporary.remove()
    }

    @Test("after a retention purge a stray DELETE still aborts on the events the purge did not release, and the mark never moves back")
    func auditPurgeReleasesOnlyOldEvents() async throws {
        let temporary = try await TemporaryStorage()
        let storage = temporary.storage
        let t0 = StoreSamples.t0
        _ = try await storage.write { tx in
            for (index, at) in [t0, t0.adding(seconds: 100)].enumerated() {
                try tx.audit.append(AuditEvent(at: at, action: .loginFailed, clientAddress: "a", requestID: "r\(index)"))
            }
            return try tx.audit.purge(before: t0.adding(seconds: 50), limit: 10)
        }
        for sql in ["DELETE FROM audit_events", "UPDATE audit_purges SET through_sequence = 0", "DELETE FROM audit_purges"] {
            await #expect(throws: SQLiteError.self, "\(sql)") {
                try await storage.writeSQLite { tx in try tx.connection.execute(sql) }
            }
        }
        let events = try await storage.read { tx in try tx.audit.events(AuditQuery()) }
        #expect(events.map(\.requestID) == ["r1"])
        await temporary.remove()
    }

    @Test("the writer enforces foreign keys")
    func foreignKeysAreOn() async throws {
        let temporary = try await TemporaryStorage()
        let enabled = try await temporary.storage.writeSQLite { tx in
            try tx.connection.queryFirst("PRAGMA foreign_keys")?.get(0, as: Int.self)
        }
        #expect(enabled == 1)
        await temporary.remove()
    }
}
