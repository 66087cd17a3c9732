@testable import SchoolIDNet
import Testing

@Suite struct ReadinessSlotTests {
    @Test("an armed wait is handed out once: a second ending finds nothing to resume")
    func resumesOnce() {
        var slot = ReadinessSlot<String>(generation: 1)
        slot.arm(token: 7, waiter: "w", interruptible: false)
        let first = slot.finish(token: nil, with: .ready)
        #expect(first?.0 == "w")
        #expect(first?.1 == .ready)
        #expect(slot.finish(token: 7, with: .timedOut) == nil)
        #expect(slot.finish(token: nil, with: .cancelled) == nil)
        #expect(!slot.isWaiting)
    }

    @Test("a stale deadline or cancellation for an earlier wait does not end the current one")
    func staleTokenIgnored() {
        var slot = ReadinessSlot<String>(generation: 1)
        slot.arm(token: 1, waiter: "first", interruptible: false)
        _ = slot.finish(token: 1, with: .ready)
        slot.arm(token: 2, waiter: "second", interruptible: false)
        #expect(slot.finish(token: 1, with: .timedOut) == nil)
        #expect(slot.finish(token: 1, with: .cancelled) == nil)
        #expect(slot.token == 2)
        #expect(slot.finish(token: 2, with: .timedOut)?.1 == .timedOut)
    }

    @Test("shutdown interrupts only waits armed as interruptible")
    func interruptOnlyInterruptible() {
        var busy = ReadinessSlot<String>(generation: 1)
        busy.arm(token: 1, waiter: "mid-request", interruptible: false)
        #expect(busy.interrupt() == nil)
        #expect(busy.isWaiting)

        var idle = ReadinessSlot<String>(generation: 2)
        idle.arm(token: 2, waiter: "between requests", interruptible: true)
        #expect(idle.interrupt()?.1 == .shutdown)
        #expect(idle.finish(token: 2, with: .ready) == nil)
    }

    @Test("the continuation race: event and cancellation both try, exactly one wins", arguments: [true, false])
    func eventVersusCancel(eventFirst: Bool) {
        var slot = ReadinessSlot<Int>(generation: 1)
        slot.arm(token: 9, waiter: 42, interruptible: true)
        let endings: [Readiness] = eventFirst ? [.ready, .cancelled, .shutdown] : [.cancelled, .ready, .shutdown]
        var resumed: [Readiness] = []
        for reason in endings {
            if reason == .shutdown { slot.interrupt().map { resumed.append($0.1) } }
            else { slot.finish(token: 9, with: reason).map { resumed.append($0.1) } }
        }
        #expect(resumed == [endings[0]])
    }
}
