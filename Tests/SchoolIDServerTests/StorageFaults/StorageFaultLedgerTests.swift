import Foundation
import SchoolIDCore
import SchoolIDStore
import SchoolIDTesting
import Testing

/// The acknowledgement ledger through a storage fault: receipts appended before it stay,
/// appends during it fail and leave no entry while checkpoints still read, and after it the
/// ledger grows on and `schoolid ledger verify`'s check finds nothing wrong.
@Suite struct StorageFaultLedgerTests {
    @Test("ledger entries acknowledged before a fault survive it, refused appends leave nothing, the check passes",
          arguments: FaultInjectingVFS.Fault.allCases)
    func ledgerSurvivesFault(fault: FaultInjectingVFS.Fault) async throws {
        try await StorageFaultWorld.run { world in
            let ledgerWorld = LedgerWorld(server: world.server)
            let environment = world.environment, now = world.server.clock.now()
            try await environment.storage.write { tx in
                _ = try environment.ownerKeys.create(for: LedgerWorld.student.rawValue, at: now, in: tx.ownerKeys)
            }
            let acknowledged = try await ledgerWorld.appendReceipts(5)
            let checkpoint = try await ledgerWorld.ledger.signNow(reason: "test")
            world.vfs.inject(fault)
            let refused = await #expect(throws: SQLiteError.self) { try await ledgerWorld.appendReceipts(1) }
            #expect(refused?.isStorageFault == true, "\(String(describing: refused))")
            #expect(try await ledgerWorld.ledger.newestCheckpoint().treeSize == 5, "proofs and checkpoints still read")
            #expect(try await ledgerWorld.leafHashes().count == 5, "the refused append left no entry")
            world.vfs.inject(nil)
            try await world.expectSound()
            try await ledgerWorld.appendReceipts(3)
            #expect(try await ledgerWorld.leafHashes().count == 8)
            for (index, compact) in acknowledged.enumerated() {
                #expect(try await ledgerWorld.ledger.body(ofIndex: index) == compact, "receipt \(index) is still there")
            }
            let newest = try await ledgerWorld.ledger.newestCheckpoint()
            #expect(newest.treeSize == 8 && checkpoint.treeSize == 5)
            let report = try await ledgerWorld.ledger.check()
            #expect(report.entries == 8 && report.problems.isEmpty, "\(report.problems)")
        }
    }
}
