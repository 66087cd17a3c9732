import SchoolIDBase
import Synchronization

/// The shared throttling of everything that checks a password (login, password change,
/// later step-up and codes): attempts per client address per minute, backoff and a
/// temporary lock per (normalised login, client address) pair, and the per-account cap
/// of consecutive failures after which only recovery or staff unlock help.
///
/// One instance per process (it holds the in-memory per-address buckets).
public final class PasswordAttempts: Sendable {
    let environment: ServiceEnvironment
    private let addressLimiter: AddressRateLimiter<ContinuousClock>
    /// One `login.throttled` event per address or pair a minute: a refused attempt costs
    /// no database write beyond that, however many an attacker sends.
    private let throttleAudits = AddressRateLimiter()
    private let dummyHashes = Mutex<[ScryptCost: Task<String, any Error>]>([:])

    public init(environment: ServiceEnvironment, addressLimiter: AddressRateLimiter<ContinuousClock> = AddressRateLimiter()) {
        self.environment = environment
        self.addressLimiter = addressLimiter
    }

    /// Takes one attempt from the client address's per-minute budget.
    /// - Throws: ``ThrottleError`` when it is spent (audited as `login.throttled`).
    func takeAddressAttempt(_ context: RequestContext) async throws {
        let perMinute = environment.policies.lockout.perAddressAttemptsPerMinute
        guard let wait = addressLimiter.take(context.clientAddress, perMinute: perMinute) else { return }
        try await refuse(wait: wait, throttleKey: "address \(context.clientAddress)", context: context,
                         detail: "over \(perMinute) attempts a minute from this address")
    }

    /// Refuses while the pair's backoff or temporary lock runs.
    /// - Throws: ``ThrottleError`` (audited as `login.throttled`).
    func checkBackoff(_ counter: FailureCounter?, now: UnixTime, context: RequestContext) async throws {
        guard let counter else { return }
        let policy = environment.policies.lockout
        let decision = policy.decide(failures: counter.failures, lastFailure: counter.lastFailureAt, now: now)
        guard decision.isDenied else { return }
        let until = counter.lastFailureAt.adding(seconds: policy.delaySeconds(afterFailures: counter.failures))
        try await refuse(wait: until.seconds - now.seconds, throttleKey: "pair \(Hex.encode(counter.key))", context: context,
                         detail: "backoff of this login from this address after \(counter.failures) failures")
    }

    /// Throws the refusal, auditing `login.throttled` the first time in a minute that
    /// `throttleKey` is refused.
    private func refuse(wait: Int64, throttleKey: String, context: RequestContext, detail: String) async throws -> Never {
        if throttleAudits.take(throttleKey, perMinute: 1) == nil {
            let now = environment.clock.now()
            try await environment.storage.write { tx in
                try tx.audit.append(AuditEvent(at: now, action: .loginThrottled, clientAddress: context.clientAddress,
                                               requestID: context.requestID, detail: "\(detail); retry in \(wait) s"))
            }
        }
        throw ThrottleError(.retryLater, retryAfterSeconds: wait)
    }

    /// The throttling key of a (login, client address) pair: a blind index, so neither
    /// is stored in clear.
    func key(_ login: Login, address: String) -> [UInt8] {
        BlindIndex("\(login.rawValue)\u{0}\(address)", table: "failure_counters", column: "key",
                   key: environment.dataKeys.indexKey).bytes
    }

    /// A hash of a random password at `cost`, computed once per cost: concurrent first
    /// callers share one computation (a burst of unknown logins must not hash twice each).
    func dummyHash(_ cost: ScryptCost) async throws -> String {
        let environment = environment
        let task = dummyHashes.withLock { tasks in
            if let task = tasks[cost] { return task }
            let task = Task {
                try await environment.hasher.hash(try Password(environment.random.token(bytes: 16), maximumLength: 64),
                                                  cost: cost, priority: .interactive)
            }
            tasks[cost] = task
            return task
        }
        do {
            return try await task.value
        } catch {
            // A saturated pool or a crypto failure: let a later caller try again.
            dummyHashes.withLock { tasks in if tasks[cost] == task { tasks[cost] = nil } }
            throw error
        }
    }

    /// Counts a failed attempt for the pair and the account (locking it past the cap)
    /// and audits `login.failed`; `reason` replaces "wrong password" in the detail (a
    /// wrong second factor counts the same way).
    func recordFailure(key: [UInt8], account: Account?, context: RequestContext, reason: String? = nil) async throws {
        let now = environment.clock.now()
        let lockout = environment.policies.lockout
        try await environment.storage.write { tx in
            try tx.credentials.recordFailure(key, at: now)
            var detail = account == nil ? "unknown login" : reason ?? "wrong password"
            let school = try account.flatMap { try AuditEvent.school(of: $0.id, accounts: tx.accounts, classes: tx.classes) }
            if let account {
                let updated = try tx.accounts.update(account.id) { stored in
                    stored.consecutiveFailures += 1
                    if stored.lockedAt == nil, lockout.isOverAccountCap(consecutiveFailures: stored.consecutiveFailures) {
                        stored.lockedAt = now
                    }
                    stored.updatedAt = now
                }
                if updated.lockedAt == now, account.lockedAt == nil {
                    detail += "; account locked after \(updated.consecutiveFailures) consecutive failures"
                    try tx.audit.append(AuditEvent(at: now, action: .accountLocked, targetID: account.id, schoolID: school,
                                                   clientAddress: context.clientAddress, requestID: context.requestID,
                                                   detail: "\(updated.consecutiveFailures) consecutive failures"))
                }
            }
            try tx.audit.append(AuditEvent(at: now, action: .loginFailed, targetID: account?.id, schoolID: school,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: detail))
        }
    }
}
