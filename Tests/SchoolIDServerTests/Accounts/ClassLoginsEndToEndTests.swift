import Foundation
import SchoolIDTesting
import Testing

/// Issue 4's first "Done when": a platform admin sets up a school through the JSON API,
/// the class teacher uploads a Windows-1251 roster and hands out 30 child logins, and
/// every child replaces the temporary password at first login.
@Suite struct ClassLoginsEndToEndTests {
    @Test("a 30-student Windows-1251 roster becomes 30 logins with a class prefix, each forced through a password change")
    func classLoginsEndToEnd() async throws {
        try await SchoolWorld.run { world in try await endToEnd(world) }
    }

    private func endToEnd(_ world: SchoolWorld) async throws {
        let roster = try Data(contentsOf: Fixtures.url("roster/class-7b-cp1251.csv"))
        #expect(String(data: roster, encoding: .utf8) == nil, "the fixture is not UTF-8")

        let created = try await world.teacher.send("POST", "/v1/classes/\(world.classID)/credential-batches",
                                                   body: Array(roster), contentType: "text/csv")
        #expect(created.status == 202)
        #expect(created.json["total"] as? Int == 30)
        let batchID = try #require(created.string("id"))
        let batch = try await world.waitForBatch(batchID, by: world.teacher)
        #expect(batch.string("status") == "finished")
        #expect(batch.json["completed"] as? Int == 30)

        let download = try await world.teacher.get("/v1/credential-batches/\(batchID)/credentials.csv")
        #expect(download.status == 200)
        #expect(download.header("Cache-Control") == "no-store")
        #expect(download.header("Content-Type")?.hasPrefix("text/csv") == true)
        let records = SchoolWorld.parseCSV(download.body)
        #expect(records.first == ["Фамилия", "Имя", "Отчество", "Логин", "Временный пароль", "Действует до"])
        let rows = records.dropFirst()
        #expect(rows.count == 30)
        #expect(rows.first?[0] == "Алексеев" && rows.first?[1] == "Артём", "Cyrillic survives the Windows-1251 upload")

        let again = try await world.teacher.get("/v1/credential-batches/\(batchID)/credentials.csv")
        #expect(again.status == 410)
        #expect(again.errorCode == "credential_batch_gone")

        // login_pattern "{school_code}{year:2}{grade:2}{letter_index:1}{seq:3}": s57 · 26 · 07 · Б = 2.
        let prefix = "s5726072"
        let logins = rows.map { $0[3] }
        #expect(Set(logins).count == 30)
        for login in logins {
            #expect(login.hasPrefix(prefix) && login.count == prefix.count + 3, "\(login) follows the class pattern")
        }
        let alphabet = Set("23456789abcdefghijkmnpqrstuvwxyz")
        for row in rows {
            #expect(row[4].count == 10 && row[4].allSatisfy(alphabet.contains), "temporary password from the policy alphabet")
        }

        for (index, row) in rows.enumerated() {
            // Each child at their own desk address: a test of the flow, not of the per-address budget.
            let desk = world.anonymous.from("10.7.2.\(index + 1)")
            let (login, temporary, chosen) = (row[3], row[4], "maple-river-\(index)-k")
            let (session, accountID) = try await SchoolWorld.firstLogin(desk, login: login, password: temporary,
                                                                         newPassword: chosen)
            let me = try await session.get("/v1/me")
            #expect(me.status == 200 && me.string("account_id") == accountID && me.string("login") == login)

            let relogin = try await desk.post("/v1/login", json: ["login": login, "password": chosen])
            #expect(relogin.status == 200)
            #expect(relogin.string("status") == "logged_in")
            #expect(relogin.string("session_token") != nil && relogin.string("csrf_token") != nil)
            #expect(relogin.setCookie("schoolid_session") == relogin.string("session_token"))

            let stale = try await desk.post("/v1/login", json: ["login": login, "password": temporary])
            #expect(stale.status == 401)
            #expect(stale.errorCode == "invalid_credentials")
        }

        let listed = try await world.students()
        #expect(listed.count == 30)
        #expect(Set(listed.compactMap { $0["login"] as? String }) == Set(logins))
    }
}
