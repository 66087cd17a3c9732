extension ServiceEnvironment {
    /// Runs `body` and returns (or throws) no sooner than `registration.json`'s
    /// `response_floor_ms` after it started.
    ///
    /// The endpoints that must not reveal whether a phone, email or login has an account
    /// (registration, recovery, contact change) already do the same kind of work on both
    /// paths — one challenge, one outbox row, a decoy when there is nobody to send to —
    /// but the two paths still touch different rows and indexes, a difference of tens of
    /// microseconds that enough samples can measure. Holding every answer until a fixed
    /// floor well above the work's own time hides what is left (OWASP ASVS 5.0 V6.3.8).
    /// The wait is a task sleep on the monotonic clock: it holds no thread.
    /// - Throws: what `body` throws.
    /// - Returns: what `body` returns.
    public func evenly<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + .milliseconds(policies.registration.responseFloorMilliseconds)
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        try? await Task.sleep(until: deadline, clock: .continuous)
        return try result.get()
    }
}
