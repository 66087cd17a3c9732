import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDStore
import SchoolIDTesting

/// Moves a delivery world through its outbox backoff: both clocks of its production
/// ``SystemWallClock`` jump to each due attempt in turn and the dispatcher makes a pass
/// there, so hours of retrying take no real time (DESIGN §4.1; the backoff is
/// ``DeliveryRetry/delay(afterAttempts:)``, wall-clock due times in the outbox rows).
struct OutboxTimeline: Sendable {
    /// One outbox row, as the outage tests read it.
    struct Row: Sendable, Hashable {
        let id: String
        let channel: String
        let status: String
        let attempts: Int64
        let createdAt: Int64
        let sentAt: Int64?
    }

    let world: DeliveryWorld
    let clocks: ClockStepper
    /// The service time the timeline started at (its zero).
    let origin: UnixTime

    init(world: DeliveryWorld, monotonic: ManualClock) {
        self.world = world
        clocks = ClockStepper(system: world.server.clock, monotonic: monotonic)
        origin = world.server.serviceClock.now()
    }

    /// Seconds since ``origin`` on the server's clock.
    var elapsed: Int64 { world.server.serviceClock.now().seconds - origin.seconds }

    /// One dispatcher pass at the current time (waits for a pass the loop has begun).
    func pass() async throws { _ = try await world.server.application.dispatcher.runOnce() }

    /// Passes at every due attempt up to `target` seconds after ``origin``, then moves
    /// the clocks to `target`. Returns the passes made.
    @discardableResult
    func advance(to target: Int64) async throws -> Int {
        var passes = 0
        try await pass()
        while let due = try await nextDue(), due - origin.seconds <= target {
            let step = due - world.server.serviceClock.now().seconds
            if step > 0 { clocks.pass(seconds: step) }
            try await pass()
            passes += 1
        }
        let rest = target - elapsed
        if rest > 0 { clocks.pass(seconds: rest) }
        try await pass()
        return passes
    }

    /// Passes at each due time until no message is pending: on a busy machine a send to
    /// a fake may time out and be retried later (at most `maxPasses` passes).
    func settle(maxPasses: Int = 20) async throws {
        try await pass()
        var passes = 0
        while passes < maxPasses, let due = try await nextDue() {
            let step = due - world.server.serviceClock.now().seconds
            if step > 0 { clocks.pass(seconds: step) }
            try await pass()
            passes += 1
        }
    }

    /// The earliest due time of a pending message.
    func nextDue() async throws -> Int64? {
        try await world.server.application.storage.read { tx in
            try (tx as! SQLiteReadTransaction).connection
                .queryFirst("SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'")?.get(0, as: Int64?.self)
        }
    }

    /// Every real (not decoy) outbox row, oldest first.
    func rows() async throws -> [Row] {
        try await world.server.application.storage.read { tx in
            try (tx as! SQLiteReadTransaction).connection.query("""
                SELECT id, channel, status, attempts, created_at, sent_at FROM outbox
                WHERE decoy = 0 ORDER BY created_at, rowid
                """).map { row in
                Row(id: try row.get(0), channel: try row.get(1), status: try row.get(2), attempts: try row.get(3),
                    createdAt: try row.get(4), sentAt: try row.get(5))
            }
        }
    }
}
