@testable import SchoolIDNet
import Testing

/// The reactor's deadline heap: ordering, compaction of entries whose wait ended, and
/// the `epoll_wait` timeout it yields.
@Suite struct DeadlineHeapTests {
    @Test("pops expired deadlines earliest first and keeps later ones")
    func ordering() {
        let zero = ContinuousClock.now
        var heap = DeadlineHeap()
        for (index, seconds) in [5, 1, 4, 2, 3, 9].enumerated() {
            heap.push(.init(deadline: zero.advanced(by: .seconds(seconds)), fd: Int32(index), token: UInt64(seconds)))
        }
        var popped: [UInt64] = []
        while let entry = heap.popExpired(now: zero.advanced(by: .seconds(5))) { popped.append(entry.token) }
        #expect(popped == [1, 2, 3, 4, 5])
        #expect(heap.count == 1)
        #expect(heap.earliest == zero.advanced(by: .seconds(9)))
    }

    @Test("epoll timeout rounds up to whole milliseconds and is -1 without a deadline")
    func timeoutRounding() {
        let now = ContinuousClock.now
        #expect(Reactor.milliseconds(until: nil, from: now) == -1)
        #expect(Reactor.milliseconds(until: now.advanced(by: .seconds(-1)), from: now) == 0)
        #expect(Reactor.milliseconds(until: now.advanced(by: .microseconds(1500)), from: now) == 2)
        #expect(Reactor.milliseconds(until: now.advanced(by: .milliseconds(3)), from: now) == 3)
    }

    @Test("compaction keeps exactly the live entries, still in deadline order")
    func compaction() {
        let zero = ContinuousClock.now
        var heap = DeadlineHeap()
        var generator = SystemRandomNumberGenerator()
        var live: [UInt64: Int] = [:]
        for token in UInt64(0)..<1000 {
            let milliseconds = Int.random(in: 0..<100_000, using: &generator)
            heap.push(.init(deadline: zero.advanced(by: .milliseconds(milliseconds)), fd: Int32(token % 7), token: token))
            if token % 3 == 0 { live[token] = milliseconds }
        }
        heap.compact { $0.token % 3 == 0 }
        #expect(heap.count == live.count)
        var popped: [UInt64] = []
        while let entry = heap.popExpired(now: zero.advanced(by: .seconds(3600))) { popped.append(entry.token) }
        #expect(Set(popped) == Set(live.keys))
        #expect(zip(popped, popped.dropFirst()).allSatisfy { live[$0]! <= live[$1]! })
    }
}
