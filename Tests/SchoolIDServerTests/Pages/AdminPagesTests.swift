import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The admin console (issue 11) through the real server and the page `Browser`.
@Suite struct AdminPagesTests {
    /// A fixture server with a platform admin `root` logged in through the pages.
    static func withAdmin(acceptLanguage: String? = nil, _ body: (PageFixture, Browser) async throws -> Void) async throws
    {
        let fixture = try await PageFixture.start()
        let password = try await fixture.addStaff("root", role: .platformAdmin, schoolID: nil)
        let browser = Browser(port: fixture.server.port)
        try await fixture.firstLogin(browser, login: "root", password: password)  // its helper reads the Russian pages
        browser.acceptLanguage = acceptLanguage
        do {
            try await body(fixture, browser)
        } catch {
            try await fixture.server.stop()
            throw error
        }
        try await fixture.server.stop()
    }

    /// Posts a form from `page` (its first CSRF token) to `path`.
    static func submit(_ browser: Browser, from page: String, to path: String, _ fields: [(String, String)])
        async throws -> TestResponse
    {
        let form = try await browser.get(page)
        #expect(form.status == 200)
        return try await browser.post(path, form: [("csrf_token", try #require(Browser.csrfToken(in: form)))] + fields)
    }

    @Test("a platform admin lands on /admin, sees every section and the account page links it; a teacher gets 403 and no link")
    func accessAndLanding() async throws {
        try await Self.withAdmin { fixture, browser in
            let home = try await browser.get("/")
            #expect(home.status == 303)
            #expect(home.header("Location") == "/admin")
            let admin = try await browser.get("/admin")
            #expect(admin.status == 200)
            for link in ["/admin/schools", "/admin/clients", "/admin/keys", "/admin/audit"] {
                #expect(admin.bodyText.contains("href=\"\(link)\""))
            }
            #expect(admin.bodyText.contains(AdminPageText.title.russian))
            #expect(try await browser.get("/account").bodyText.contains("href=\"/admin\""))

            let teacher = Browser(port: fixture.server.port)
            try await fixture.firstLogin(teacher, login: "teacher", password: fixture.teacherPassword)
            #expect(try await teacher.get("/").header("Location") == "/teacher")
            #expect(!(try await teacher.get("/account")).bodyText.contains("href=\"/admin\""))
            for path in ["/admin", "/admin/schools", "/admin/clients", "/admin/keys", "/admin/audit",
                         "/admin/schools/\(fixture.school.id.rawValue)"] {
                let refused = try await teacher.get(path)
                #expect(refused.status == 403, "\(path)")
                #expect(refused.bodyText.contains(ErrorCode.permissionDenied.message(in: .russian)))
            }
            let anonymous = try await Browser(port: fixture.server.port).get("/admin")
            #expect(anonymous.status == 303)
            #expect(anonymous.header("Location") == "/login")
        }
    }

    @Test("a school is created and listed, a wrong code is shown next to its field, staff are added with a one-time password, a class is created and given a teacher")
    func schoolsStaffClasses() async throws {
        try await Self.withAdmin { fixture, browser in
            let wrong = try await Self.submit(browser, from: "/admin/schools", to: "/admin/schools", [
                ("code", "школа"), ("name", "Лицей <b>№ 1</b>"), ("region", "77"),
            ])
            #expect(wrong.status == 400)
            #expect(wrong.bodyText.contains("id=\"field-school-code-error\""))
            #expect(wrong.bodyText.contains("aria-describedby=\"field-school-code-error\" aria-invalid=\"true\""))
            #expect(wrong.bodyText.contains("value=\"Лицей &lt;b&gt;№ 1&lt;/b&gt;\""))

            let created = try await Self.submit(browser, from: "/admin/schools", to: "/admin/schools", [
                ("code", "l1"), ("name", "Лицей <b>№ 1</b>"), ("region", "77"),
            ])
            #expect(created.status == 303)
            let schoolPath = try #require(created.header("Location"))
            #expect(schoolPath.hasPrefix("/admin/schools/sch_"))
            let list = try await browser.get("/admin/schools")
            #expect(list.bodyText.contains("href=\"\(schoolPath)\""))
            #expect(list.bodyText.contains("Лицей &lt;b&gt;№ 1&lt;/b&gt;"))
            #expect(!list.bodyText.contains("<b>№ 1</b>"))
            #expect(list.bodyText.contains("<div class=\"table-scroll\">"))

            let added = try await Self.submit(browser, from: schoolPath, to: schoolPath + "/staff", [
                ("return_to", schoolPath), ("role", "teacher"), ("login", "petrova"), ("last_name", "Петрова"),
                ("first_name", "Анна"), ("patronymic", ""),
            ])
            #expect(added.status == 200)
            #expect(added.header("Cache-Control") == "no-store")
            #expect(added.bodyText.contains(AdminPageText.staffAddedTitle.russian))
            let password = try #require(BrowserEnrolment.between(added.bodyText,
                                                                 "<dd class=\"secret\">petrova</dd>", "</dl>"))
            #expect(password.contains(AdminPageText.temporaryPassword.russian))
            let taken = try await Self.submit(browser, from: schoolPath, to: schoolPath + "/staff", [
                ("role", "teacher"), ("login", "petrova"), ("last_name", "Петрова"), ("first_name", "Анна"),
            ])
            #expect(taken.bodyText.contains("id=\"field-staff-login-error\""))
            #expect(taken.bodyText.contains(ErrorCode.membershipExists.message(in: .russian)))
            let badRole = try await Self.submit(browser, from: schoolPath, to: schoolPath + "/staff", [
                ("role", "platform_admin"), ("login", "boss"), ("last_name", "Босс"), ("first_name", "Иван"),
            ])
            #expect(badRole.bodyText.contains("id=\"field-staff-role-error\""))

            let classCreated = try await Self.submit(browser, from: schoolPath, to: schoolPath + "/classes", [
                ("grade", "5"), ("letter", "А"),
            ])
            #expect(classCreated.status == 303)
            #expect(classCreated.header("Location") == schoolPath)
            let page = try await browser.get(schoolPath)
            #expect(page.bodyText.contains("Петрова Анна"))
            #expect(page.bodyText.contains("5А"))
            let classID = try #require(BrowserEnrolment.between(page.bodyText, "action=\"/admin/classes/", "/teachers\""))
            let assignForm = try #require(page.bodyText.range(of: "name=\"account_id\"")).upperBound
            let teacherID = try #require(BrowserEnrolment.between(String(page.bodyText[assignForm...]),
                                                                  "<option value=\"", "\""))
            #expect(teacherID.hasPrefix("acc_"))
            let assigned = try await Self.submit(browser, from: schoolPath, to: "/admin/classes/\(classID)/teachers", [
                ("return_to", schoolPath), ("account_id", teacherID),
            ])
            #expect(assigned.status == 303)
            let teachers = try await fixture.server.application.environment.storage.read { tx in
                try tx.classes.teachers(of: try SchoolClass.ID(parsing: classID))
            }
            #expect(teachers.map(\.rawValue) == [teacherID])
            #expect(try await browser.get(schoolPath).bodyText.contains("<td class=\"secret\">petrova</td>"))
        }
    }

    @Test("a client is registered with its secret shown once, listed as active, given a new secret, then disabled")
    func clients() async throws {
        try await Self.withAdmin { _, browser in
            let registered = try await Self.submit(browser, from: "/admin/clients", to: "/admin/clients", [
                ("client_id", "diary-test"), ("client_name", "Дневник"), ("type", "confidential"),
                ("redirect_uris", "https://diary.example/callback"), ("grant_types", "authorization_code refresh_token"),
                ("scopes", "openid offline_access diary"),
            ])
            #expect(registered.status == 200)
            #expect(registered.header("Cache-Control") == "no-store")
            let secret = try #require(BrowserEnrolment.between(
                registered.bodyText, "\(AdminPageText.clientSecret.russian)</dt><dd class=\"secret\">", "</dd>"))
            #expect(secret.count >= 32)
            let list = try await browser.get("/admin/clients")
            #expect(list.bodyText.contains("diary-test"))
            #expect(list.bodyText.contains(AdminPageText.stateActive.russian))
            #expect(!list.bodyText.contains(secret))

            let duplicate = try await Self.submit(browser, from: "/admin/clients", to: "/admin/clients", [
                ("client_id", "diary-test"), ("client_name", "Дневник"), ("type", "confidential"),
                ("redirect_uris", "https://diary.example/callback"), ("grant_types", "authorization_code"),
                ("scopes", "openid"),
            ])
            #expect(duplicate.bodyText.contains("id=\"field-client-client_id-error\""))

            let rotated = try await Self.submit(browser, from: "/admin/clients", to: "/admin/clients/diary-test/rotate-secret", [])
            let second = try #require(BrowserEnrolment.between(
                rotated.bodyText, "\(AdminPageText.clientSecret.russian)</dt><dd class=\"secret\">", "</dd>"))
            #expect(second != secret)

            let disabled = try await Self.submit(browser, from: "/admin/clients", to: "/admin/clients/diary-test/disable", [])
            #expect(disabled.status == 303)
            #expect(disabled.header("Location") == "/admin/clients")
            let after = try await browser.get("/admin/clients")
            #expect(after.bodyText.contains(AdminPageText.stateDisabled.russian))
            #expect(!after.bodyText.contains("/admin/clients/diary-test/disable"))
        }
    }

    @Test("a token key rotation is refused while the next key is young, then makes it active, publishes a new next key in the JWKS and is audited")
    func keyRotation() async throws {
        try await Self.withAdmin { fixture, browser in
            let keyring = fixture.server.application.keyring
            let nextBefore = Set(keyring.snapshot.records.filter { $0.purpose == .token && $0.state == .next }.map(\.id))
            let keys = try await browser.get("/admin/keys")
            #expect(keys.status == 200)
            for record in keyring.snapshot.records { #expect(keys.bodyText.contains(record.id)) }
            #expect(keys.bodyText.contains(AdminPageText.keyStateNext.russian))

            let early = try await Self.submit(browser, from: "/admin/keys", to: "/admin/keys/rotate", [("purpose", "token")])
            #expect(early.status == 409)
            #expect(early.bodyText.contains(AdminPageText.rotationTooEarly.russian))
            #expect(Set(keyring.snapshot.records.filter { $0.state == .next && $0.purpose == .token }.map(\.id)) == nextBefore)
            let refused = try await Self.submit(browser, from: "/admin/keys", to: "/admin/keys/rotate", [("purpose", "data")])
            #expect(refused.status == 400)

            // Past jwks_max_age_seconds (3600), in steps that keep the session (idle 1800 s) alive.
            for step: Int64 in [1500, 1500, 601] {
                fixture.server.clock.advance(seconds: step)
                #expect(try await browser.get("/admin/keys").status == 200)
            }
            let rotated = try await Self.submit(browser, from: "/admin/keys", to: "/admin/keys/rotate", [("purpose", "token")])
            #expect(rotated.status == 303)
            #expect(rotated.header("Location") == "/admin/keys")
            let records = keyring.snapshot.records.filter { $0.purpose == .token }
            #expect(Set(records.filter { $0.state == .active }.map(\.id)) == nextBefore)
            let nextAfter = Set(records.filter { $0.state == .next }.map(\.id))
            #expect(nextAfter.count == nextBefore.count)
            #expect(nextAfter.isDisjoint(with: nextBefore))
            let jwks = try await browser.get("/.well-known/jwks.json")
            for kid in nextAfter.union(nextBefore) { #expect(jwks.bodyText.contains(kid)) }

            let audit = try await browser.get("/admin/audit?action=key.rotated")
            #expect(audit.bodyText.contains("<td class=\"secret\">key.rotated</td>"))
            #expect(audit.bodyText.contains("purpose token"))
        }
    }

    @Test("the audit search narrows by action, outcome and account, shows a bad date next to its field and pages backwards")
    func auditSearch() async throws {
        try await Self.withAdmin { fixture, browser in
            let stranger = Browser(port: fixture.server.port)
            let form = try await stranger.get("/login")
            _ = try await stranger.post("/login", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", "teacher"), ("password", "wrong-password-1"),
            ])
            let all = try await browser.get("/admin/audit")
            #expect(all.status == 200)
            #expect(all.bodyText.contains("login.failed"))
            #expect(all.bodyText.contains("staff.added"))
            let failures = try await browser.get("/admin/audit?outcome=failure")
            #expect(failures.bodyText.contains("<td class=\"secret\">login.failed</td>"))
            #expect(!failures.bodyText.contains("<td class=\"secret\">staff.added</td>"))
            let staff = try await browser.get("/admin/audit?action=staff.added&outcome=failure")
            #expect(staff.bodyText.contains(AdminPageText.auditNoEvents.russian))
            let byLogin = try await browser.get("/admin/audit?account=teacher&action=login.failed")
            #expect(byLogin.bodyText.contains("<td class=\"secret\">login.failed</td>"))
            let rootOnly = try await browser.get("/admin/audit?account=root&action=login.failed")
            #expect(rootOnly.bodyText.contains(AdminPageText.auditNoEvents.russian))
            let future = try await browser.get("/admin/audit?from=2099-01-01")
            #expect(future.bodyText.contains(AdminPageText.auditNoEvents.russian))
            let today = ISODate.string(fixture.server.clock.now(), timeZone: "UTC")
            #expect(try await browser.get("/admin/audit?from=\(today)&to=\(today)").bodyText.contains("login.failed"))
            let bad = try await browser.get("/admin/audit?from=31.12.2026")
            #expect(bad.status == 400)
            #expect(bad.bodyText.contains("id=\"field-audit-from-error\""))
            let unknown = try await browser.get("/admin/audit?account=nobody")
            #expect(unknown.bodyText.contains(AdminPageText.auditAccountUnknown.russian))

            for index in 0..<AdminPages.auditPageSize {
                let page = try await stranger.get("/login")
                _ = try await stranger.post("/login", form: [
                    ("csrf_token", try #require(Browser.csrfToken(in: page))), ("login", "ghost\(index)"), ("password", "x"),
                ])
            }
            let first = try await browser.get("/admin/audit?action=login.failed")
            let older = try #require(BrowserEnrolment.between(first.bodyText, "href=\"/admin/audit?", "\""))
            #expect(older.contains("action=login.failed&amp;before="))
            let second = try await browser.get("/admin/audit?" + older.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(second.status == 200)
            #expect(second.bodyText.contains("<td class=\"secret\">login.failed</td>"))
        }
    }

    @Test("a form post without the CSRF token, or with another one, is refused and changes nothing")
    func csrfRefused() async throws {
        try await Self.withAdmin { fixture, browser in
            let missing = try await browser.post("/admin/schools", form: [("code", "x1"), ("name", "X"), ("region", "77")])
            #expect(missing.status == 403)
            let forged = try await browser.post("/admin/schools", form: [
                ("csrf_token", "forged"), ("code", "x1"), ("name", "X"), ("region", "77"),
            ])
            #expect(forged.status == 403)
            #expect(forged.bodyText.contains(ErrorCode.csrfTokenInvalid.message(in: .russian)))
            let rotate = try await browser.post("/admin/keys/rotate", form: [("purpose", "token")])
            #expect(rotate.status == 403)
            let schools = try await fixture.server.application.environment.storage.read { tx in try tx.schools.schools() }
            #expect(schools.map(\.code.rawValue) == ["s42"])
        }
    }

    @Test("every console page renders in English for an English browser")
    func english() async throws {
        try await Self.withAdmin(acceptLanguage: "en") { fixture, browser in
            let school = "/admin/schools/\(fixture.school.id.rawValue)"
            for path in ["/admin", "/admin/schools", school, "/admin/clients", "/admin/keys", "/admin/audit"] {
                let page = try await browser.get(path)
                #expect(page.status == 200, "\(path)")
                #expect(page.bodyText.contains("<html lang=\"en\">"), "\(path)")
                #expect(page.bodyText.contains(path == "/admin" ? AdminPageText.intro.english : AdminPageText.backToAdmin.english))
                #expect(!page.bodyText.contains(AdminPageText.backToAdmin.russian), "\(path)")
            }
        }
    }

    @Test("a step-up asked for by an admin action may return to the admin page that posted it, never elsewhere")
    func stepUpReturn() {
        #expect(StepUpPages.returnPath("/admin/schools") == "/admin/schools")
        #expect(StepUpPages.returnPath("/admin/schools/sch_x") == "/admin/schools/sch_x")
        #expect(StepUpPages.returnPath("/administrator") == nil)
        #expect(StepUpPages.returnPath("//admin") == nil)
    }
}
