import Foundation
import SchoolIDTesting
import Testing

/// A change ticket is consumed atomically: of many concurrent changes exactly one wins.
@Suite struct ConcurrentPasswordChangeTests {
    @Test("20 parallel password changes with one ticket: exactly one wins, and its password is the one that works")
    func oneTicketOneWinner() async throws {
        try await SchoolWorld.run { world in
            let row = try #require(try await world.issue(names: [("Лебедев", "Глеб")]).first)
            let ticketResponse = try await world.anonymous.post("/v1/login", json: ["login": row.login, "password": row.password])
            let ticket = try #require(ticketResponse.string("change_ticket"))
            let candidates = (0..<20).map { "parallel-choice-\($0)" }
            let anonymous = world.anonymous
            let results = try await withThrowingTaskGroup(of: (String, Int, String?).self) { group in
                for candidate in candidates {
                    group.addTask {
                        let response = try await anonymous.post("/v1/password/change",
                                                                json: ["change_ticket": ticket, "new_password": candidate])
                        return (candidate, response.status, response.errorCode)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = results.filter { $0.1 == 200 }
            #expect(winners.count == 1, "\(results.map { "\($0.1) \($0.2 ?? "")" })")
            for loser in results where loser.1 != 200 {
                #expect((loser.1 == 401 && loser.2 == "password_change_ticket_invalid") || (loser.1 == 503 && loser.2 == "service_busy"),
                        "\(loser.1) \(loser.2 ?? "")")
            }
            let winner = try #require(winners.first?.0)
            let login = try await world.anonymous.from("10.3.0.1").post("/v1/login", json: ["login": row.login, "password": winner])
            #expect(login.string("status") == "logged_in")
            for (index, loser) in results.filter({ $0.1 != 200 }).prefix(3).enumerated() {
                let attempt = try await world.anonymous.from("10.3.1.\(index)").post(
                    "/v1/login", json: ["login": row.login, "password": loser.0])
                #expect(attempt.errorCode == "invalid_credentials")
            }
            let reuse = try await world.anonymous.post("/v1/password/change",
                                                       json: ["change_ticket": ticket, "new_password": "one-more-try"])
            #expect(reuse.status == 401 && reuse.errorCode == "password_change_ticket_invalid")
        }
    }

    @Test("a change ticket is good for nothing but the password change")
    func ticketIsNotASession() async throws {
        try await SchoolWorld.run { world in
            let row = try #require(try await world.issue(names: [("Лебедев", "Глеб")]).first)
            let ticketResponse = try await world.anonymous.post("/v1/login", json: ["login": row.login, "password": row.password])
            let ticket = try #require(ticketResponse.string("change_ticket"))
            #expect(try await world.anonymous.with(bearer: ticket).get("/v1/me").status == 401)
            world.server.clock.advance(seconds: 601)
            let late = try await world.anonymous.post("/v1/password/change",
                                                      json: ["change_ticket": ticket, "new_password": "maple-river-lamp"])
            #expect(late.status == 401 && late.errorCode == "password_change_ticket_invalid", "the ticket lasts 600 s")
        }
    }
}
