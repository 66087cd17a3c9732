import Foundation
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct TeacherPagesTests {
    @Test("a teacher uploads the Windows-1251 roster through the page, the batch finishes, the slips show 30 students once")
    func uploadAndSlips() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        try await fixture.firstLogin(browser, login: "teacher", password: fixture.teacherPassword)
        let console = try await browser.get("/teacher")
        #expect(console.status == 200)
        #expect(console.bodyText.contains("/teacher/classes/\(fixture.schoolClass.id.rawValue)"))
        #expect(console.bodyText.contains("7Б"))

        let csv = try Array(Data(contentsOf: Fixtures.url("roster/class-7b-cp1251.csv")))
        let uploaded = try await fixture.upload(browser, csv: csv)
        #expect(uploaded.status == 303)
        let batchPath = try #require(uploaded.header("Location"))
        #expect(batchPath.hasPrefix("/teacher/batches/"))

        let finished = try await fixture.waitForBatch(browser, path: batchPath)
        #expect(finished.status == 200)
        #expect(finished.bodyText.contains("30/30"))
        #expect(finished.bodyText.contains(PageText.statusFinished.russian))
        #expect(finished.bodyText.contains(batchPath + "/slips"))
        #expect(finished.bodyText.contains(batchPath + "/credentials.csv"))

        let slips = try await browser.get(batchPath + "/slips")
        #expect(slips.status == 200)
        #expect(slips.header("Cache-Control") == "no-store")
        #expect(slips.bodyText.components(separatedBy: "<section class=\"slip\">").count - 1 == 30)
        #expect(slips.bodyText.contains("Алексеев Артём Игоревич"))
        #expect(slips.bodyText.contains("http://127.0.0.1:\(fixture.server.port)/login"))
        #expect(slips.bodyText.contains("<body class=\"printable\">"))
        let again = try await browser.get(batchPath + "/slips")
        #expect(again.status == 410)
        #expect(again.bodyText.contains(ErrorCode.credentialBatchGone.message(in: .russian)))

        let table = try await browser.get(batchPath + "/credentials.csv")
        #expect(table.status == 200)
        #expect(table.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(table.bodyText.components(separatedBy: "\r\n").count == 32)  // header, 30 rows, empty tail
        #expect(try await browser.get(batchPath + "/credentials.csv").status == 410)

        let roster = try await browser.get("/teacher/classes/\(fixture.schoolClass.id.rawValue)")
        #expect(roster.bodyText.contains("Алексеев Артём Игоревич"))
        try await fixture.server.stop()
    }

    @Test("a roster name with markup is escaped on the slip page and never appears raw")
    func escapedNames() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        try await fixture.firstLogin(browser, login: "teacher", password: fixture.teacherPassword)
        let csv = Array("Фамилия;Имя\n<script>alert(1)</script>;Иван\n".utf8)
        let uploaded = try await fixture.upload(browser, csv: csv)
        #expect(uploaded.status == 303)
        let batchPath = try #require(uploaded.header("Location"))
        _ = try await fixture.waitForBatch(browser, path: batchPath)
        let slips = try await browser.get(batchPath + "/slips")
        #expect(slips.status == 200)
        #expect(slips.bodyText.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!slips.bodyText.contains("<script>"))
        let roster = try await browser.get("/teacher/classes/\(fixture.schoolClass.id.rawValue)")
        #expect(!roster.bodyText.contains("<script>"))
        try await fixture.server.stop()
    }

    @Test("a roster error re-renders the class page with the message and the row")
    func rosterError() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        try await fixture.firstLogin(browser, login: "teacher", password: fixture.teacherPassword)
        let refused = try await fixture.upload(browser, csv: Array("Фамилия;Имя;Рост\nИванов;Иван;150\n".utf8))
        #expect(refused.status == 400)
        #expect(refused.bodyText.contains(ErrorCode.rosterUnknownColumn.message(in: .russian)))
        #expect(refused.bodyText.contains("enctype=\"multipart/form-data\""))
        try await fixture.server.stop()
    }

    @Test("cookie-authenticated page POSTs without csrf_token are refused with 403")
    func missingCSRF() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        try await fixture.firstLogin(browser, login: "teacher", password: fixture.teacherPassword)
        let classPath = "/teacher/classes/\(fixture.schoolClass.id.rawValue)"
        let upload = try await browser.post(classPath + "/roster", fields: [],
                                            file: (name: "roster", filename: "a.csv", bytes: Array("Фамилия;Имя\nА;Б\n".utf8)))
        #expect(upload.status == 403)
        let teacherID = try #require(try await fixture.server.application.environment.storage.read { tx in
            try tx.accounts.account(login: Login(parsing: "teacher"))
        }).id
        let reissue = try await browser.post("/teacher/students/\(teacherID.rawValue)/temporary-password", form: [])
        #expect(reissue.status == 403)
        #expect(reissue.bodyText.contains(ErrorCode.csrfTokenInvalid.message(in: .russian)))
        let change = try await browser.post("/password/change", form: [
            ("current_password", PageFixture.newPassword), ("new_password", "x-new-password-2024-long"),
            ("repeat_password", "x-new-password-2024-long"),
        ])
        #expect(change.status == 403)
        try await fixture.server.stop()
    }

    @Test("a teacher gets a 403 page for another teacher's class")
    func otherClass() async throws {
        let fixture = try await PageFixture.start()
        let other = try await fixture.addStaff("other", role: .teacher, schoolID: fixture.school.id)
        let browser = Browser(port: fixture.server.port)
        try await fixture.firstLogin(browser, login: "other", password: other)
        let console = try await browser.get("/teacher")
        #expect(!console.bodyText.contains(fixture.schoolClass.id.rawValue))
        #expect(console.bodyText.contains(PageText.noClasses.russian))
        let denied = try await browser.get("/teacher/classes/\(fixture.schoolClass.id.rawValue)")
        #expect(denied.status == 403)
        #expect(denied.bodyText.contains(ErrorCode.classNotAssigned.message(in: .russian)))
        try await fixture.server.stop()
    }

    @Test("reissuing from the class page shows the new temporary password once")
    func reissue() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        try await fixture.firstLogin(browser, login: "teacher", password: fixture.teacherPassword)
        let uploaded = try await fixture.upload(browser, csv: Array("Фамилия;Имя\nПетров;Пётр\n".utf8))
        _ = try await fixture.waitForBatch(browser, path: try #require(uploaded.header("Location")))
        let page = try await browser.get("/teacher/classes/\(fixture.schoolClass.id.rawValue)")
        let text = page.bodyText
        let action = try #require(text.range(of: "action=\"/teacher/students/").map { range in
            String(text[range.lowerBound...].dropFirst("action=\"".count).prefix { $0 != "\"" })
        })
        let issued = try await browser.post(action, form: [("csrf_token", try #require(Browser.csrfToken(in: page)))])
        #expect(issued.status == 200)
        #expect(issued.header("Cache-Control") == "no-store")
        #expect(issued.bodyText.contains(PageText.reissuedTitle.russian))
        try await fixture.server.stop()
    }
}
