import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Synchronization
import Testing

/// Credential stuffing (issue 12): a leaked list of 10 passwords for each of 1,000
/// guardian accounts (10,000 attempts, one in ten accounts with its right password
/// somewhere in the list) tried from 20 addresses as fast as the server answers,
/// under the test policy profile (`lockout.json`: 5 free failures per (login,
/// address) pair then backoff, 120 attempts per address per minute, account cap 100).
///
/// Half the accounts are attacked from one address each (the pair backoff holds them
/// after 6 failures while the manual clock stands still), half are sprayed over all
/// 20 addresses (only the per-address budget holds them). The per-address budget is a
/// token bucket on the monotonic clock, so its bound takes the attack's elapsed time
/// as input: it is an upper bound, looser on a slower machine, never flaky.
/// `SCHOOLID_LONG=1` attacks 2,000 accounts (20,000 attempts).
@Suite(.serialized) struct CredentialStuffingTests {
    static let long = ProcessInfo.processInfo.environment["SCHOOLID_LONG"] == "1"
    static let accounts = long ? 2_000 : 1_000
    static let guessesPerAccount = 10
    static let attackers = (1...20).map { "203.0.113.\($0)" }

    /// One entry of the leaked list.
    struct Attempt: Sendable {
        let account: Int
        let position: Int
        let address: String
        let isRight: Bool
    }

    /// What the attacker saw of one attempt.
    struct Seen: Sendable {
        let attempt: Attempt
        let status: Int
        let code: String?
        let retryAfter: Int?
        let requestID: String?
    }

    static func login(_ index: Int) -> String { String(format: "parent%05d", index) }
    static func password(_ index: Int) -> String { "owner-\(index)-Lantern-river-quiet" }
    /// Accounts whose right password is in the list, and where.
    static func rightPosition(_ index: Int) -> Int? { index % 10 == 3 ? (index / 10) % guessesPerAccount : nil }
    /// Accounts below half are attacked from one address; the rest are sprayed.
    static func isFocused(_ index: Int) -> Bool { index < accounts / 2 }

    /// The leaked list, grouped by the address that tries it (each address works through its own share in order).
    static func leakedList() -> [String: [Attempt]] {
        var byAddress: [String: [Attempt]] = [:]
        for position in 0..<guessesPerAccount {
            for index in 0..<accounts {
                let address = attackers[(isFocused(index) ? index : index + position) % attackers.count]
                byAddress[address, default: []].append(
                    Attempt(account: index, position: position, address: address, isRight: rightPosition(index) == position))
            }
        }
        return byAddress
    }

    @Test("10,000 leaked-list attempts from 20 addresses are throttled and audited, right guesses stay within the policy's bound, and no owner is locked out")
    func stuffing() async throws {
        let server = try await TestServer { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }
        do {
            try await attack(server)
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    func attack(_ server: TestServer) async throws {
        let environment = server.application.environment
        let lockout = environment.policies.lockout
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in stride(from: worker, to: Self.accounts, by: 8) {
                        _ = try await AdultAccount.create(in: environment, login: Self.login(index),
                                                          password: Self.password(index))
                    }
                }
            }
            try await group.waitForAll()
        }

        // The attack: one sequential worker per address, all addresses at once.
        let client = APIClient(server)
        let list = Self.leakedList()
        let started = ContinuousClock.now
        let seen = try await withThrowingTaskGroup(of: [Seen].self) { group in
            for (address, attempts) in list {
                group.addTask {
                    var seen: [Seen] = [], cracked = Set<Int>()
                    for attempt in attempts where !cracked.contains(attempt.account) {
                        let guess = attempt.isRight ? Self.password(attempt.account) : "leaked-\(attempt.position)-\(attempt.account)"
                        let response = try await client.from(address).post("/v1/login", json: [
                            "login": Self.login(attempt.account), "password": guess,
                        ])
                        if response.status == 200 { cracked.insert(attempt.account) }
                        seen.append(Seen(attempt: attempt, status: response.status, code: response.errorCode,
                                         retryAfter: response.header("Retry-After").flatMap { Int($0) },
                                         requestID: response.string("request_id")))
                    }
                    return seen
                }
            }
            return try await group.reduce(into: [Seen]()) { $0 += $1 }
        }
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

        // Every answer is one of: checked and wrong (401), right (200), or throttled (429 + Retry-After).
        let failures = seen.filter { $0.status == 401 }
        let successes = seen.filter { $0.status == 200 }
        let throttled = seen.filter { $0.status == 429 }
        #expect(failures.allSatisfy { $0.code == "invalid_credentials" })
        #expect(throttled.allSatisfy { $0.code == "retry_later" && ($0.retryAfter ?? 0) >= 1 },
                "every 429 says retry_later with a Retry-After of at least 1 s")
        #expect(failures.count + successes.count + throttled.count == seen.count,
                "unexpected answers: \(Set(seen.filter { ![200, 401, 429].contains($0.status) }.map(\.status)))")
        #expect(successes.allSatisfy { $0.attempt.isRight })

        // Per address: the bucket holds 120 and refills 2 per second (the pair check comes after it).
        let perMinute = Double(lockout.perAddressAttemptsPerMinute)
        let addressBound = Int(perMinute + (perMinute / 60 * seconds).rounded(.up)) + 1
        var checksByAddress: [String: Int] = [:]
        for entry in seen where entry.status != 429 { checksByAddress[entry.attempt.address, default: 0] += 1 }
        for (address, checks) in checksByAddress {
            #expect(checks <= addressBound, "\(address) had \(checks) password checks, the budget allows \(addressBound)")
        }
        // Per (login, address) pair while the clock stands still: free failures + 1 checks, then 429.
        let pairBound = lockout.freeFailures + 1
        var checksByPair: [String: Int] = [:]
        for entry in seen where entry.status != 429 {
            checksByPair["\(entry.attempt.account)|\(entry.attempt.address)", default: 0] += 1
        }
        #expect(checksByPair.values.allSatisfy { $0 <= pairBound }, "a pair got more than \(pairBound) checks")
        // Once a pair has had its free checks, everything after it is 429 (the right password too).
        var checkedSoFar: [String: Int] = [:], pairThrottled = 0
        for entry in seen {
            let pair = "\(entry.attempt.account)|\(entry.attempt.address)"
            if checkedSoFar[pair, default: 0] >= pairBound {
                #expect(entry.status == 429, "attempt \(entry.attempt.position) on account \(entry.attempt.account)")
                pairThrottled += 1
            } else if entry.status != 429 {
                checkedSoFar[pair, default: 0] += 1
            }
        }
        // Which limit holds an attempt first (the pair's backoff or the address's budget)
        // depends on how fast the attack runs; that the per-address budget held some is not.
        #expect(throttled.count > pairThrottled, "the per-address budget held some attempts")
        // The attacker's right guesses: only right entries the throttles let through. Bound:
        // focused accounts whose right entry lies within the pair's free checks, plus sprayed
        // accounts with a right entry, and never more than the addresses' budgets allow.
        let reachableFocused = (0..<Self.accounts).filter {
            Self.isFocused($0) && (Self.rightPosition($0).map { $0 < pairBound } ?? false)
        }.count
        let sprayedWithRight = (0..<Self.accounts).filter { !Self.isFocused($0) && Self.rightPosition($0) != nil }.count
        let rightBound = min(reachableFocused + sprayedWithRight, Self.attackers.count * addressBound)
        let rightInList = (0..<Self.accounts).filter { Self.rightPosition($0) != nil }.count
        #expect(successes.count <= rightBound)
        #expect(Set(successes.map(\.attempt.account)).count == successes.count, "each account cracked at most once")

        // Every wrong-password answer is audited as login.failed under its request id.
        let audited = Set(try await Self.events(.loginFailed, environment).map(\.requestID))
        let failedIDs = failures.compactMap(\.requestID)
        #expect(failedIDs.count == failures.count, "every 401 carries a request id")
        #expect(audited.count == failures.count, "login.failed events: \(audited.count), 401 answers: \(failures.count)")
        #expect(Set(failedIDs).isSubset(of: audited))
        // Throttling is audited as login.throttled once a minute per refused address or
        // pair, not once per refused attempt.
        let throttleEvents = try await Self.events(.loginThrottled, environment)
        let throttledAddresses = Set(throttled.map(\.attempt.address))
        let throttledPairs = Set(throttled.map { "\($0.attempt.account)|\($0.attempt.address)" })
        #expect(throttledAddresses.isSubset(of: Set(throttleEvents.map(\.clientAddress))), "an address refused unaudited")
        #expect(throttleEvents.count <= (throttledAddresses.count + throttledPairs.count) * (Int(seconds / 60) + 1))

        // No account is locked: the account cap (100) is far off, and the owners, from their
        // own addresses, log in once the longest pair delay has passed.
        let accounts = try await environment.storage.read { tx in
            try (0..<Self.accounts).map { try tx.accounts.account(login: try Login(parsing: Self.login($0))) }
        }
        #expect(accounts.allSatisfy { $0?.lockedAt == nil })
        #expect(accounts.allSatisfy { ($0?.consecutiveFailures ?? .max) < lockout.accountFailureCap })
        server.clock.advance(seconds: lockout.lockoutSeconds + (lockout.backoffSeconds.last ?? 0))
        let owners = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var loggedIn = 0
                    for index in stride(from: worker, to: Self.accounts, by: 4) {
                        let owner = client.from("10.60.\(index / 250).\(index % 250 + 1)")
                        let response = try await owner.post("/v1/login", json: [
                            "login": Self.login(index), "password": Self.password(index),
                        ])
                        if response.status == 200, response.string("status") == "logged_in" { loggedIn += 1 }
                    }
                    return loggedIn
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(owners == Self.accounts, "owners who logged in afterwards")

        print(String(format: "credential stuffing: %d attempts over %d accounts from %d addresses in %.1f s: "
                     + "%d checked wrong (401, all audited login.failed), %d throttled (429; %d of them by the pair backoff; "
                     + "%d login.throttled events), %d right guesses "
                     + "(bound %d of %d right entries in the list; per-address bound %d checks), "
                     + "locked accounts 0, owners logged in afterwards %d/%d",
                     seen.count, Self.accounts, Self.attackers.count, seconds, failures.count, throttled.count, pairThrottled,
                     throttleEvents.count,
                     successes.count, rightBound, rightInList, addressBound, owners, Self.accounts))
    }

    /// Every event of `action`, paging through the log.
    static func events(_ action: AuditAction, _ environment: ServiceEnvironment) async throws -> [AuditEvent] {
        var events: [AuditEvent] = [], before: Int64? = nil
        while true {
            var query = AuditQuery(before: before, limit: 1_000)
            query.actions = [action]
            let fixed = query
            let page = try await environment.storage.read { tx in try tx.audit.events(fixed) }
            events += page
            guard page.count == 1_000, let last = page.last else { return events }
            before = last.sequence
        }
    }
}
