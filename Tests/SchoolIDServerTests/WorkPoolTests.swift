import Foundation
import SchoolIDServer
import Synchronization
import Testing

@Suite struct WorkPoolTests {
    @Test("work runs off the cooperative pool and returns its result or error") func runs() async throws {
        let pool = BlockingWorkPool(name: "t", threads: 2, lanes: [.init(name: "a", maximumThreads: 2, maximumQueued: 4)])
        defer { pool.shutdown() }
        #expect(try await pool.run(lane: "a") { pool.isWorkerThread })
        #expect(!pool.isWorkerThread)
        await #expect(throws: Boom.self) { try await pool.run(lane: "a") { throw Boom() } }
    }

    @Test("a full lane is refused at once, and a batch lane never takes every thread") func saturationAndLanes() async throws {
        let gate = Gate()
        let pool = BlockingWorkPool(name: "t", threads: 2, lanes: [
            .init(name: "interactive", maximumThreads: 2, maximumQueued: 1),
            .init(name: "batch", maximumThreads: 1, maximumQueued: 2),
        ])
        defer { pool.shutdown() }
        let started = Mutex(0)
        var batch = [Task { try await pool.run(lane: "batch") { started.withLock { $0 += 1 }; gate.wait() } }]
        try await waitUntil { started.withLock { $0 } == 1 }  // the first job holds the lane's one thread
        batch += (0..<2).map { _ in Task { try await pool.run(lane: "batch") { gate.wait() } } }
        try await waitUntil { pool.queueDepths["batch"] == 2 }
        await #expect(throws: BlockingWorkPool.Saturated.self) { try await pool.run(lane: "batch") {} }
        // The second thread is still free for interactive work while batch work blocks.
        #expect(try await pool.run(lane: "interactive") { 7 } == 7)
        gate.open()
        for task in batch { try await task.value }
    }
}

/// Polls `condition` (the pool's state changes on its own threads) for up to 10 s.
func waitUntil(_ condition: () -> Bool) async throws {
    for _ in 0..<2_000 where !condition() { try await Task.sleep(for: .milliseconds(5)) }
    try #require(condition())
}
