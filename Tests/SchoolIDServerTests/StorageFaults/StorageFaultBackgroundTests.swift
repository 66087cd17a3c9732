import Foundation
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// Background jobs meet the same fault: the retention pass fails, is counted into the
/// burst instead of logging each pass, and purges once the fault clears.
@Suite struct StorageFaultBackgroundTests {
    @Test("a retention pass refused by the storage joins the burst's single log entry and succeeds after the fault")
    func retentionJoinsTheBurst() async throws {
        try await StorageFaultWorld.run { world in
            world.server.clock.advance(seconds: 400 * 86_400)  // every session is long expired
            world.vfs.inject(.diskFull)
            await world.server.application.collectGarbageOnce()
            await world.server.application.collectGarbageOnce()
            _ = try await world.login(StorageFaultWorld.adultLogin, StorageFaultWorld.password)
            #expect(world.faultLogs == 1)
            #expect(!world.server.logs.lines.contains { $0.contains("garbage collection failed") })
            let storage = world.server.application.storage
            let sessions: @Sendable () async throws -> Int = {
                try await storage.readSQLite { tx in
                    try tx.connection.query("SELECT count(*) FROM sessions").first?.get(0, as: Int.self) ?? -1
                }
            }
            #expect(try await sessions() == 1, "the refused pass purged nothing")
            world.vfs.inject(nil)
            await world.server.application.collectGarbageOnce()
            #expect(try await sessions() == 0, "the pass after the fault purged the expired session")
            try await world.expectSound()
        }
    }
}
