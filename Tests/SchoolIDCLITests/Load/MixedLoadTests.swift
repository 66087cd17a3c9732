import Foundation
import SchoolIDTesting
import Testing

extension LoadAndCrashTests {
    /// The morning peak (issue 12): a mix of logins, refreshes, JWKS, introspections,
    /// page loads and acknowledgement signings, plus registrations and password changes,
    /// against the real `schoolid serve` in a child process, at 80% of the capacity
    /// measured a moment before on the same machine.
    ///
    /// Capacity is a 10 s closed loop (32 users, no think time, the write streams beside
    /// them: the whole mix, from as many users as the load then has); it doubles as the warm-up. The load is then an open loop at 80% of it
    /// (paced arrivals, 32 users, latency from the scheduled arrival) for 60 s (300 s with
    /// `SCHOOLID_LONG=1`), with the write streams at fixed rates beside it. The serve
    /// child's VmRSS and open descriptors are sampled every second: the largest RSS of
    /// the last window must stay within 1.1 × the largest of the first (windows of 20 s in
    /// the 60 s run, 60 s in the long one), and the descriptors once the users have
    /// disconnected within ±5 of those after the warm-up. Every acknowledged write is
    /// checked afterwards. The table is printed and written to
    /// `.build/test-output/load/mixed-load.json`.
    @Suite struct MixedLoadTests {
        static let capacityUsers = 32
        static let loadUsers = 32
        static let capacitySeconds = 10.0
        /// Per second: registrations, SMS or password signings, password changes.
        static let streams = (registrations: 0.5, signings: 0.5, passwordChanges: 0.3)

        struct Report: Codable {
            let seed: UInt64
            let seconds: Double
            let windowSeconds: Double
            let capacityRPS: Double
            let offeredRPS: Double
            let achievedRPS: Double
        /// Answers per second in the first and the last window: a server that slows as
        /// its tables grow (or a machine whose other load changed) shows here.
        let firstWindowRPS: Double
        let lastWindowRPS: Double
            let routes: [LoadRecorder.Row]
            let rssFirstWindowMaxKiB: Int
            let rssLastWindowMaxKiB: Int
            let fdsAfterWarmUp: Int
            let fdsAtEnd: Int
            let fdsMaxUnderLoad: Int
            let acknowledgedWrites: Int
            let checkedWrites: Int
            let lostWrites: [String]
            let samples: [ProcessSampler.Sample]
            enum CodingKeys: String, CodingKey {
                case seed, seconds, routes, samples
                case windowSeconds = "window_seconds", capacityRPS = "capacity_rps", offeredRPS = "offered_rps"
                case achievedRPS = "achieved_rps", firstWindowRPS = "first_window_rps", lastWindowRPS = "last_window_rps"
                case rssFirstWindowMaxKiB = "rss_first_window_max_kib"
                case rssLastWindowMaxKiB = "rss_last_window_max_kib", fdsAfterWarmUp = "fds_after_warm_up"
                case fdsAtEnd = "fds_at_end", fdsMaxUnderLoad = "fds_max_under_load"
                case acknowledgedWrites = "acknowledged_writes", checkedWrites = "checked_writes", lostWrites = "lost_writes"
            }
        }

        @Test("a morning-peak mix at 80% of measured capacity answers no 5xx, loses no acknowledged write, and holds memory and descriptors")
        func morningPeak() async throws {
            let seed = LoadSettings.seed
            let world = try await LoadWorld.start(guardians: LoadSettings.guardians)
            let mix = LoadMix(world: world)
            let runner = LoadRunner(mix: mix)
            print("mixed load: seed \(seed), \(world.guardians.count) guardians, serve pid \(world.pid ?? 0)")

            let capacityRecorder = LoadRecorder()
            mix.recorder.withLock { $0 = capacityRecorder }
            let measured = ContinuousClock.now
            async let capacityWrites: Void = runner.writeStreams(
                registrations: Self.streams.registrations, signings: Self.streams.signings,
                passwordChanges: Self.streams.passwordChanges, seconds: Self.capacitySeconds, seed: seed &+ 7)
            let operations = await runner.closedLoop(threads: Self.capacityUsers, seconds: Self.capacitySeconds, seed: seed)
            // In operations of the mix, the open loop's unit (a login's sign-out is not a second
            // arrival), over the closed loop alone (the write streams may finish later).
            let capacity = Double(operations) / Self.seconds(since: measured)
            await capacityWrites
            let offered = 0.8 * capacity
            let fdsAfterWarmUp = await Self.settledDescriptors(world)
            print("capacity: \(Int(capacity)) operations/s (closed loop, \(Self.capacityUsers) users, \(Int(Self.capacitySeconds)) s, "
                + "\(capacityRecorder.total) answers); "
                + "offering \(Int(offered)) operations/s for \(Int(LoadSettings.seconds)) s")

            let recorder = LoadRecorder()
            mix.recorder.withLock { $0 = recorder }
            let sampler = ProcessSampler(pid: { world.pid })
            let started = ContinuousClock.now
            async let writes: Void = runner.writeStreams(registrations: Self.streams.registrations, signings: Self.streams.signings,
                                                         passwordChanges: Self.streams.passwordChanges,
                                                         seconds: LoadSettings.seconds, seed: seed)
            let performed = await runner.openLoop(rate: offered, threads: Self.loadUsers, seconds: LoadSettings.seconds,
                                                  seed: seed)
            let achieved = Double(performed) / Self.seconds(since: started)
            await writes
            sampler.stop()
            let samples = sampler.all
            let fdsAtEnd = await Self.settledDescriptors(world, near: fdsAfterWarmUp)

            let state = mix.journal.snapshot
            let outcome = await LoadVerifier.verify(state, mix: mix)
            await world.stop()

            let window = LoadSettings.window
            let last = samples.last?.second ?? 0
            let first = samples.first?.second ?? 0
            let firstMax = samples.filter { $0.second < first + window }.map(\.rssKiB).max() ?? 0
            let lastMax = samples.filter { $0.second >= last - window }.map(\.rssKiB).max() ?? 0
            let report = Report(seed: seed, seconds: LoadSettings.seconds, windowSeconds: window, capacityRPS: capacity,
                                offeredRPS: offered, achievedRPS: achieved,
                            firstWindowRPS: recorder.throughput(seconds: 0..<Int(window)),
                            lastWindowRPS: recorder.throughput(seconds: Int(LoadSettings.seconds - window)..<Int(LoadSettings.seconds)),
                            routes: recorder.rows, rssFirstWindowMaxKiB: firstMax,
                                rssLastWindowMaxKiB: lastMax, fdsAfterWarmUp: fdsAfterWarmUp, fdsAtEnd: fdsAtEnd,
                                fdsMaxUnderLoad: samples.map(\.fds).max() ?? 0, acknowledgedWrites: state.acknowledged,
                                checkedWrites: outcome.checked, lostWrites: outcome.lost, samples: samples)
            try Self.report(report, recorder: recorder, state: state)

            #expect(recorder.serverErrors == 0, "5xx answers: \(recorder.examples)")
            #expect(recorder.transportErrors == 0, "transport errors under load")
            #expect(outcome.lost.isEmpty, "lost writes: \(outcome.lost)")
            #expect(state.accountsCreated > 0 && !state.receipts.isEmpty && state.passwordChanges > 0,
                    "the write streams acknowledged too little: \(state.accountsCreated) accounts, \(state.receipts.count) receipts, \(state.passwordChanges) password changes; \(recorder.examples)")
            #expect(samples.count >= Int(LoadSettings.seconds) / 2, "too few samples: \(samples.count)")
            #expect(Double(lastMax) <= 1.1 * Double(firstMax), "RSS grew: \(firstMax) KiB → \(lastMax) KiB")
            #expect(abs(fdsAtEnd - fdsAfterWarmUp) <= 5, "descriptors: \(fdsAfterWarmUp) after warm-up, \(fdsAtEnd) at the end")
        }

        static func seconds(since start: ContinuousClock.Instant) -> Double {
            let elapsed = start.duration(to: .now)
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }

        /// The serve child's open descriptors once the users' connections have closed
        /// (polled up to 10 s until it reaches `near`, when given, or stops changing).
        static func settledDescriptors(_ world: LoadWorld, near target: Int? = nil) async -> Int {
            var last = -1
            for _ in 0..<50 {
                guard let pid = world.pid, let count = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
                else { return -1 }
                if let target, abs(count - target) <= 5 { return count }
                if target == nil, count == last { return count }
                last = count
                try? await Task.sleep(for: .milliseconds(200))
            }
            return last
        }

        static func report(_ report: Report, recorder: LoadRecorder, state: LoadJournal.State) throws {
            Swift.print("""
            mixed load (seed \(report.seed)): capacity \(Int(report.capacityRPS)) operations/s, offered \(Int(report.offeredRPS))/s \
            (80%), achieved \(Int(report.achievedRPS))/s over \(Int(report.seconds)) s; answers per second: first \
            \(Int(report.windowSeconds)) s \(Int(report.firstWindowRPS))/s, last \(Int(report.windowSeconds)) s \(Int(report.lastWindowRPS))/s
            \(recorder.table)
            RSS max: first \(Int(report.windowSeconds)) s \(report.rssFirstWindowMaxKiB) KiB, last \(Int(report.windowSeconds)) s \
            \(report.rssLastWindowMaxKiB) KiB (\(String(format: "%.3f", Double(report.rssLastWindowMaxKiB) / Double(max(report.rssFirstWindowMaxKiB, 1))))×); \
            fds: \(report.fdsAfterWarmUp) after warm-up, \(report.fdsMaxUnderLoad) max under load, \(report.fdsAtEnd) at the end
            writes acknowledged: \(state.accountsCreated) accounts, \(state.passwordChanges) password changes, \
            \(state.receipts.count) receipts, \(state.messages.values.reduce(0, +)) messages; checked \(report.checkedWrites), \
            lost \(report.lostWrites.count)
            """)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let url = try LoadSettings.outputDirectory().appendingPathComponent("mixed-load.json")
            try encoder.encode(report).write(to: url)
            Swift.print("written to \(url.path)")
        }
    }
}
