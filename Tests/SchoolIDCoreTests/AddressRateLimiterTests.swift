import SchoolIDCore
import SchoolIDTesting
import Testing

/// Attempts per client address per minute, on a manual monotonic clock.
@Suite struct AddressRateLimiterTests {
    @Test("a full minute's budget is available at once, then one attempt per refill interval")
    func budget() {
        let clock = ManualClock()
        let limiter = AddressRateLimiter(clock: clock)
        for _ in 0..<60 { #expect(limiter.take("10.0.0.1", perMinute: 60) == nil) }
        #expect(limiter.take("10.0.0.1", perMinute: 60) == 1)
        clock.advance(by: .milliseconds(999))
        #expect(limiter.take("10.0.0.1", perMinute: 60) == 1)
        clock.advance(by: .milliseconds(1))
        #expect(limiter.take("10.0.0.1", perMinute: 60) == nil)
        #expect(limiter.take("10.0.0.1", perMinute: 60) == 1)
    }

    @Test("addresses have separate budgets")
    func separateAddresses() {
        let limiter = AddressRateLimiter(clock: ManualClock())
        for _ in 0..<60 { #expect(limiter.take("10.0.0.1", perMinute: 60) == nil) }
        #expect(limiter.take("10.0.0.1", perMinute: 60) != nil)
        #expect(limiter.take("10.0.0.2", perMinute: 60) == nil)
    }

    @Test("the wait shrinks as the bucket refills, and an idle address is full again after a minute")
    func refill() {
        let clock = ManualClock()
        let limiter = AddressRateLimiter(clock: clock)
        for _ in 0..<120 { _ = limiter.take("::1", perMinute: 120) }
        #expect(limiter.take("::1", perMinute: 120) == 1)
        clock.advance(by: .seconds(60))
        for _ in 0..<120 { #expect(limiter.take("::1", perMinute: 120) == nil) }
        #expect(limiter.take("::1", perMinute: 120) != nil)
    }
}
