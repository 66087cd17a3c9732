import Foundation
import SchoolIDTesting
import Testing

/// The fault arriving while logins run concurrently (group commit): every login answers
/// either 200 or `503 storage_unavailable`, never 500; every session a client was given
/// survives the fault, and no refused login left a session behind.
@Suite struct StorageFaultUnderLoadTests {
    typealias Outcome = (status: Int, code: String?, token: String?)

    /// `count` concurrent logins of the adult from distinct addresses; `onResponse` runs
    /// after each response with the number answered so far.
    static func wave(_ world: StorageFaultWorld, count: Int, first address: Int,
                     onResponse: @Sendable (Int) -> Void = { _ in }) async throws -> [Outcome] {
        let api = world.api
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            for index in 0..<count {
                group.addTask {
                    let response = try await api.from("198.51.\(100 + (address + index) / 200).\((address + index) % 200 + 1)")
                        .post("/v1/login", json: ["login": StorageFaultWorld.adultLogin, "password": StorageFaultWorld.password])
                    return (response.status, response.errorCode, response.string("session_token"))
                }
            }
            var outcomes: [Outcome] = []
            for try await outcome in group {
                outcomes.append(outcome)
                onResponse(outcomes.count)
            }
            return outcomes
        }
    }

    @Test("logins before, during and after a fault, and one flipped mid-wave: no acknowledged session lost, none refused kept")
    func acknowledgedSessionsSurvive() async throws {
        try await StorageFaultWorld.run { world in
            let storage = world.server.application.storage
            let countSessions: @Sendable () async throws -> Int = {
                try await storage.readSQLite { tx in
                    try tx.connection.query("SELECT count(*) FROM sessions").first?.get(0, as: Int.self) ?? -1
                }
            }
            let initial = try await countSessions()
            let vfs = world.vfs
            let before = try await Self.wave(world, count: 8, first: 0)
            vfs.inject(.diskFull)
            let during = try await Self.wave(world, count: 8, first: 100)
            vfs.inject(nil)
            let after = try await Self.wave(world, count: 8, first: 200)
            #expect(before.allSatisfy { $0.status == 200 } && after.allSatisfy { $0.status == 200 })
            #expect(during.allSatisfy { $0.status == 503 && $0.code == "storage_unavailable" },
                    "\(during.map { "\($0.status) \($0.code ?? "-")" })")
            // The switch flips while requests are in flight: which ones fail depends on timing,
            // what each answer means does not.
            let racing = try await Self.wave(world, count: 16, first: 300) { answered in
                if answered == 4 { vfs.inject(.readOnly) }
                if answered == 10 { vfs.inject(nil) }
            }
            vfs.inject(nil)
            let all = before + during + after + racing
            let accepted = all.filter { $0.status == 200 }
            let refused = all.filter { $0.status != 200 }
            print("storage fault under load: \(accepted.count) logins acknowledged, \(refused.count) refused with 503 "
                  + "(\(racing.filter { $0.status == 503 }.count) of 16 in the racing wave)")
            for outcome in refused {
                #expect(outcome.status == 503 && (outcome.code == "storage_unavailable" || outcome.code == "service_busy"),
                        "\(outcome.status) \(outcome.code ?? "-")")
            }
            #expect(try await countSessions() == initial + accepted.count, "exactly the acknowledged logins left a session")
            for outcome in accepted {
                let token = try #require(outcome.token)
                #expect(try await world.api.with(bearer: token).get("/v1/me").status == 200)
            }
            try await world.expectSound()
        }
    }
}
