import Foundation
import Synchronization

/// Runs virtual users, each a dedicated thread with its own keep-alive connection.
///
/// - closed loop: every user sends its next request as soon as the last one answered
///   (optionally after a think time): the capacity measurement;
/// - open loop: arrivals are paced at a fixed rate whatever the answers take, and a
///   request's latency counts from its scheduled arrival, so a slow server is not
///   hidden by users that simply wait (no coordinated omission);
/// - write streams: registrations, signings and password changes at fixed rates.
///
/// ``paused`` holds every user between requests (a kill cycle's restart and check).
final class LoadRunner: Sendable {
    let mix: LoadMix
    let paused = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)

    init(mix: LoadMix) { self.mix = mix }

    func stop() { stopped.store(true, ordering: .relaxed) }

    private func running(until deadline: ContinuousClock.Instant?) -> Bool {
        if stopped.load(ordering: .relaxed) { return false }
        if let deadline, ContinuousClock.now >= deadline { return false }
        while paused.load(ordering: .relaxed), !stopped.load(ordering: .relaxed) { Thread.sleep(forTimeInterval: 0.01) }
        return !stopped.load(ordering: .relaxed)
    }

    /// Closed loop: `threads` users for `seconds` (nil: until ``stop()``).
    /// - Returns: the operations of the mix performed (a login and its sign-out are one),
    ///   the unit the open loop's rate is in.
    @discardableResult
    func closedLoop(threads: Int, seconds: Double?, think: Double = 0, seed: UInt64) async -> Int {
        let deadline = seconds.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        let world = mix.world
        let operations = Atomic<Int>(0)
        await Self.threads(threads) { [self] index in
            var generator = SeededGenerator(seed: seed &+ UInt64(index))
            let connection = LoadConnection(port: world.port)
            while running(until: deadline) {
                let done = mix.perform(LoadMix.Kind.draw(&generator), on: connection, generator: &generator)
                if done { operations.add(1, ordering: .relaxed) }
                if !done {
                    Thread.sleep(forTimeInterval: 0.05)  // the server is down: do not spin
                } else if think > 0 {
                    Thread.sleep(forTimeInterval: think)
                }
            }
        }
        return operations.load(ordering: .relaxed)
    }

    /// Open loop: arrivals every `1/rate` seconds for `seconds`, served by `threads` users.
    /// - Returns: the operations performed.
    func openLoop(rate: Double, threads: Int, seconds: Double, seed: UInt64) async -> Int {
        let start = ContinuousClock.now
        let arrivals = Int(rate * seconds)
        let taken = Atomic<Int>(0)
        let operations = Atomic<Int>(0)
        let world = mix.world
        await Self.threads(threads) { [self] index in
            var generator = SeededGenerator(seed: seed &+ UInt64(index))
            let connection = LoadConnection(port: world.port)
            while !stopped.load(ordering: .relaxed) {
                let arrival = taken.add(1, ordering: .relaxed).newValue - 1
                guard arrival < arrivals else { return }
                let scheduled = start + .microseconds(Int(Double(arrival) / rate * 1_000_000))
                let wait = ContinuousClock.now.duration(to: scheduled)
                if wait > .zero { Thread.sleep(forTimeInterval: Double(wait.components.attoseconds) / 1e18 + Double(wait.components.seconds)) }
                if mix.perform(LoadMix.Kind.draw(&generator), on: connection, generator: &generator, scheduled: scheduled) {
                    operations.add(1, ordering: .relaxed)
                }
            }
        }
        return operations.load(ordering: .relaxed)
    }

    /// Write streams at fixed rates (per second) for `seconds` (nil: until ``stop()``).
    func writeStreams(registrations: Double, signings: Double, passwordChanges: Double, seconds: Double?, seed: UInt64) async {
        let deadline = seconds.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        let rates = [registrations, signings, passwordChanges]
        let world = mix.world
        await Self.threads(rates.count) { [self] stream in
            guard rates[stream] > 0 else { return }
            var generator = SeededGenerator(seed: seed &+ 1000 &+ UInt64(stream))
            let connection = LoadConnection(port: world.port)
            var next = ContinuousClock.now
            while running(until: deadline) {
                switch stream {
                case 0: mix.register(on: connection)
                case 1: mix.sign(on: connection, generator: &generator)
                default: mix.changePassword(on: connection)
                }
                next = next + .milliseconds(Int(1000 / rates[stream]))
                let wait = ContinuousClock.now.duration(to: next)
                if wait > .zero { Thread.sleep(forTimeInterval: Double(wait.components.attoseconds) / 1e18 + Double(wait.components.seconds)) }
                else { next = .now }
            }
        }
    }

    /// Runs `body(index)` on `count` new threads and waits for all of them without
    /// holding a thread of the cooperative pool.
    static func threads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let left = Atomic<Int>(count)
            for index in 0..<count {
                let thread = Thread {
                    body(index)
                    if left.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { continuation.resume() }
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
        }
    }

    /// Runs a blocking `body` on a thread of its own.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in Thread { continuation.resume(returning: body()) }.start() }
    }
}

/// Checks every acknowledged write of a journal snapshot through the API.
enum LoadVerifier {
    struct Outcome: Sendable {
        var checked = 0
        var lost: [String] = []
    }

    static func verify(_ state: LoadJournal.State, mix: LoadMix) async -> Outcome {
        await LoadRunner.blocking { verifyBlocking(state, mix: mix) }
    }

    private static func verifyBlocking(_ state: LoadJournal.State, mix: LoadMix) -> Outcome {
        var outcome = Outcome()
        let world = mix.world
        let connection = LoadConnection(port: world.port)
        // Account created / password changed: one of the possibly current passwords logs in.
        for (login, candidates) in state.accounts {
            outcome.checked += 1
            let works = candidates.contains { password in
                let reply = try? connection.post("/v1/login", json: ["login": login, "password": password],
                                                 headers: [("X-Forwarded-For", mix.address())])
                return reply?.status == 200 && reply?.string("status") == "logged_in"
            }
            if !works { outcome.lost.append("account \(login) logs in with none of its passwords") }
        }
        // Receipt issued: the acknowledgement is signed and shows its receipt.
        if let token = mix.clientAccessToken(connection) {
            for id in state.receipts.sorted() {
                outcome.checked += 1
                let reply = try? connection.send("GET", "/v1/acknowledgements/\(id)", headers: [("Authorization", "Bearer \(token)")])
                if reply?.status != 200 || reply?.string("state") != "signed" || reply?.json["receipt"] == nil {
                    outcome.lost.append("receipt of \(id): \(reply?.status ?? 0) \(reply?.text.prefix(120) ?? "")")
                }
            }
        } else {
            outcome.lost.append("no client token to check receipts")
        }
        // Message queued: the gateway received as many distinct messages for the phone.
        let deadline = ContinuousClock.now + .seconds(60)
        var missing: [String: (Int, Int)] = [:]
        repeat {
            let received = Dictionary(grouping: world.gateway.received, by: \.to).mapValues(\.count)
            missing = [:]
            for (phone, queued) in state.messages where (received[phone] ?? 0) < queued {
                missing[phone] = (queued, received[phone] ?? 0)
            }
            if missing.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.2)
        } while ContinuousClock.now < deadline
        outcome.checked += state.messages.values.reduce(0, +)
        for (phone, (queued, received)) in missing.sorted(by: { $0.key < $1.key }) {
            outcome.lost.append("\(phone): \(queued) messages queued, \(received) delivered")
        }
        return outcome
    }
}
