import Foundation
import SchoolIDTesting
import Testing

/// Hostile text in roster names: kept verbatim in JSON, defused in the CSV download.
@Suite struct RosterContentTests {
    @Test("markup in a roster name round-trips unchanged through the JSON API")
    func markupRoundTrips() async throws {
        try await SchoolWorld.run { world in
            let name = "<script>alert(\"x\")</script>"
            let rows = try await world.issue(names: [(name, "Анна & Co")])
            #expect(rows.first?.lastName == name)
            let student = try #require(try await world.students().first)
            #expect(student["last_name"] as? String == name)
            #expect(student["first_name"] as? String == "Анна & Co")
        }
    }

    @Test("CSV cells that a spreadsheet would run as a formula come back prefixed with '")
    func csvInjectionDefused() async throws {
        try await SchoolWorld.run { world in
            let rows = try await world.issue(names: [("=HYPERLINK(\"x\")", "@SUM(A1)"), ("+79001234567", "-Иван")])
            let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0.lastName, $0.firstName) })
            #expect(byName["'=HYPERLINK(\"x\")"] == "'@SUM(A1)")
            #expect(byName["'+79001234567"] == "'-Иван")
            let listed = try await world.students().compactMap { $0["last_name"] as? String }
            #expect(Set(listed) == ["=HYPERLINK(\"x\")", "+79001234567"], "the stored name is not altered")
        }
    }

    @Test("a roster upload that is neither JSON nor CSV is refused with 415")
    func unsupportedRoster() async throws {
        try await SchoolWorld.run { world in
            let response = try await world.teacher.send("POST", "/v1/classes/\(world.classID)/credential-batches",
                                                        body: Array("Иванов Иван".utf8), contentType: "text/plain")
            #expect(response.status == 415 && response.errorCode == "unsupported_media_type")
        }
    }

    @Test("a roster longer than the login pattern can number is refused before any hashing, and creates nothing")
    func rosterBeyondPattern() async throws {
        try await SchoolWorld.run { world in
            // The fixture pattern numbers students with three digits: at most 999.
            let students = (1...1000).map { ["last_name": "Ученик", "first_name": "Номер \($0)"] }
            let response = try await world.teacher.post("/v1/classes/\(world.classID)/credential-batches",
                                                        json: ["students": students])
            #expect(response.status == 400 && response.errorCode == "login_pattern_overflow", "\(response.text)")
            #expect(try await world.students().isEmpty)
        }
    }
}
