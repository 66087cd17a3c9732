import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// ``LedgerStore``: append and read back entries, bodies and checkpoints; indices and
    /// checkpoint sizes are unique; expired bodies go, entries stay.
    static var ledgerCases: [Case] {
        [
            Case("ledger entries, bodies and checkpoints read back; the size follows the highest index") { storage in
                let entries = (0..<3).map(sampleLedgerEntry)
                let body = SealedLedgerBody(index: 1, ownerID: "acc_owner", sealed: [1, 2, 3],
                                            expiresAt: StoreSamples.t0.adding(seconds: 60))
                let small = SignedCheckpoint(treeSize: 1, root: Array(repeating: 7, count: 32),
                                             signedAt: StoreSamples.t0, compact: "a.b.c")
                let big = SignedCheckpoint(treeSize: 3, root: Array(repeating: 9, count: 32),
                                           signedAt: StoreSamples.t0.adding(seconds: 5), compact: "d.e.f")
                let emptySize = try await storage.read { tx in try tx.ledger.size() }
                #expect(emptySize == 0)
                try await storage.write { tx in
                    for entry in entries { try tx.ledger.append(entry) }
                    try tx.ledger.insertBody(body)
                    try tx.ledger.insertCheckpoint(big)
                    try tx.ledger.insertCheckpoint(small)
                }
                let (size, second, below, stored, missing, newest, all) = try await storage.read { tx in
                    (try tx.ledger.size(), try tx.ledger.entry(at: 1), try tx.ledger.entries(below: 2),
                     try tx.ledger.body(at: 1), try tx.ledger.body(at: 0), try tx.ledger.newestCheckpoint(),
                     try tx.ledger.checkpoints())
                }
                #expect(size == 3)
                #expect(second == entries[1])
                #expect(below == Array(entries[0..<2]))
                #expect(stored == body)
                #expect(missing == nil)
                #expect(newest == big)
                #expect(all == [small, big])
            },
            Case("a ledger index and a body index are taken once; a checkpoint of a stored size is kept") { storage in
                let entry = sampleLedgerEntry(0)
                let body = SealedLedgerBody(index: 0, ownerID: "acc_owner", sealed: [1], expiresAt: StoreSamples.t0)
                let first = SignedCheckpoint(treeSize: 1, root: Array(repeating: 1, count: 32),
                                             signedAt: StoreSamples.t0, compact: "first")
                let second = SignedCheckpoint(treeSize: 1, root: Array(repeating: 2, count: 32),
                                              signedAt: StoreSamples.t0, compact: "second")
                let (entryAgain, bodyAgain, insertedFirst, insertedSecond) = try await storage.write { tx in
                    try tx.ledger.append(entry)
                    try tx.ledger.insertBody(body)
                    return (storeError { try tx.ledger.append(entry) }, storeError { try tx.ledger.insertBody(body) },
                            try tx.ledger.insertCheckpoint(first), try tx.ledger.insertCheckpoint(second))
                }
                #expect(entryAgain == .alreadyExists)
                #expect(bodyAgain == .alreadyExists)
                #expect(insertedFirst && !insertedSecond)
                let kept = try await storage.read { tx in try tx.ledger.checkpoints() }
                #expect(kept == [first])
            },
            Case("expired ledger bodies are deleted and their entries stay") { storage in
                let t0 = StoreSamples.t0
                try await storage.write { tx in
                    for index in 0..<2 {
                        try tx.ledger.append(sampleLedgerEntry(index))
                        try tx.ledger.insertBody(SealedLedgerBody(index: index, ownerID: "acc_owner", sealed: [1],
                                                                  expiresAt: t0.adding(seconds: Int64(index) * 3600)))
                    }
                }
                let early = try await storage.write { tx in try tx.ledger.deleteExpiredBodies(before: t0.adding(seconds: -1)) }
                let deleted = try await storage.write { tx in try tx.ledger.deleteExpiredBodies(before: t0) }
                let (first, second, size) = try await storage.read { tx in
                    (try tx.ledger.body(at: 0), try tx.ledger.body(at: 1), try tx.ledger.size())
                }
                #expect(early == 0)
                #expect(deleted == 1)
                #expect(first == nil)
                #expect(second != nil)
                #expect(size == 2)
            },
        ]
    }

    private static func sampleLedgerEntry(_ index: Int) -> LedgerEntry {
        LedgerEntry(index: index, kind: index % 2 == 0 ? .receipt : .withdrawal,
                    acknowledgementID: .random(using: SeededRandomSource(seed: UInt64(100 + index))),
                    leafData: Array(repeating: UInt8(index), count: 32),
                    appendedAt: StoreSamples.t0.adding(seconds: Int64(index)))
    }
}
