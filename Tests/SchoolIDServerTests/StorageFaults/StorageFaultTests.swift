import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

/// Issue 12 "read-only and disk full": an in-process server whose database fails every
/// write on demand (``FaultInjectingVFS``). Writes answer `503 storage_unavailable` with
/// `Retry-After` and change nothing; reads keep answering; the fault is logged once per
/// burst; when the fault clears the same writes succeed without a restart, and the file
/// passes `PRAGMA integrity_check` and the ledger check.
@Suite struct StorageFaultTests {
    /// Asserts the 503 answer of a write refused by the storage.
    static func expectUnavailable(_ response: APIResponse, _ what: String) {
        #expect(response.status == 503, "\(what): \(response.status) \(response.text)")
        #expect(response.errorCode == "storage_unavailable", "\(what): \(response.text)")
        #expect(response.header("Retry-After") == "30", "\(what)")
        #expect(response.string("message") == ErrorCode.storageUnavailable.message(in: .russian), "\(what)")
    }

    @Test("with writes failing, login, registration and password change answer 503 and change nothing; reads answer 200; then all succeed",
          arguments: FaultInjectingVFS.Fault.allCases)
    func writesFailReadsWork(fault: FaultInjectingVFS.Fault) async throws {
        try await StorageFaultWorld.run { world in
            world.vfs.inject(fault)
            let before = try await world.dump()
            #expect(before.contains { $0.hasPrefix("sessions: ") }, "the dump sees the rows written before the fault")
            Self.expectUnavailable(try await world.login(StorageFaultWorld.adultLogin, StorageFaultWorld.password), "login")
            Self.expectUnavailable(try await world.login(StorageFaultWorld.adultLogin, "wrong-guess"), "failed login")
            Self.expectUnavailable(try await world.login(StorageFaultWorld.studentLogin, world.temporaryPassword),
                                   "temporary-password login")
            Self.expectUnavailable(try await world.register(phone: "+79167654321"), "registration")
            let me = try await world.api.with(bearer: world.session).get("/v1/me")
            #expect(me.status == 200, "\(me.text)")
            #expect(try await world.api.get("/.well-known/jwks.json").status == 200)
            #expect(try await world.api.get("/.well-known/openid-configuration").status == 200)
            var browser = world.api
            browser.cookie = world.session
            let page = try await browser.get("/account")
            #expect(page.status == 200, "\(page.text)")
            #expect(try await world.dump() == before, "a refused write changed nothing")
            #expect(world.vfs.failedCalls > 0)
            #expect(world.faultLogs == 1, "one log entry for the whole burst")

            world.vfs.inject(nil)
            try await world.expectSound()
            let login = try await world.login(StorageFaultWorld.adultLogin, StorageFaultWorld.password)
            #expect(login.status == 200 && login.string("status") == "logged_in", "\(login.text)")
            let ticketResponse = try await world.login(StorageFaultWorld.studentLogin, world.temporaryPassword)
            let ticket = try #require(ticketResponse.string("change_ticket"), "\(ticketResponse.text)")
            #expect(try await world.register(phone: "+79167654321").status == 201)
            world.vfs.inject(fault)
            Self.expectUnavailable(try await world.api.post("/v1/password/change", json: [
                "change_ticket": ticket, "new_password": StorageFaultWorld.newPassword,
            ]), "password change")
            #expect(world.faultLogs == 2, "a write succeeded in between: a new burst, logged again")
            world.vfs.inject(nil)
            let changed = try await world.api.post("/v1/password/change", json: [
                "change_ticket": ticket, "new_password": StorageFaultWorld.newPassword,
            ])
            #expect(changed.status == 200, "\(changed.text)")
            let relogin = try await world.login(StorageFaultWorld.studentLogin, StorageFaultWorld.newPassword)
            #expect(relogin.string("status") == "logged_in", "\(relogin.text)")
            #expect(try await world.api.with(bearer: world.session).get("/v1/me").status == 200,
                    "the session acknowledged before the faults is still there")
            try await world.expectSound()
        }
    }

    @Test("a page form refused by the storage answers 503 with the catalogue text and Retry-After")
    func pageShowsCatalogueText() async throws {
        try await StorageFaultWorld.run { world in
            let browser = Browser(port: world.server.port)
            let form = try await browser.get("/login")
            let token = try #require(Browser.csrfToken(in: form))
            world.vfs.inject(.diskFull)
            let refused = try await browser.post("/login", form: [
                ("csrf_token", token), ("login", StorageFaultWorld.adultLogin), ("password", StorageFaultWorld.password),
            ])
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "30")
            #expect(refused.bodyText.contains(ErrorCode.storageUnavailable.message(in: .russian)))
            #expect(Browser.setCookie("schoolid_session", in: refused) == nil)
            world.vfs.inject(nil)
            let accepted = try await browser.post("/login", form: [
                ("csrf_token", token), ("login", StorageFaultWorld.adultLogin), ("password", StorageFaultWorld.password),
            ])
            #expect(accepted.status == 303, "\(accepted.bodyText)")
        }
    }

    @Test("the fault log names SQLite's code and message and never a password or token")
    func logCarriesNoSecrets() async throws {
        try await StorageFaultWorld.run { world in
            world.vfs.inject(.readOnly)
            _ = try await world.login(StorageFaultWorld.adultLogin, StorageFaultWorld.password)
            let lines = world.server.logs.lines.filter { $0.contains("storage refused a write") }
            #expect(lines.count == 1)
            let line = try #require(lines.first)
            #expect(line.contains("\"code\":8"))
            #expect(!line.contains(StorageFaultWorld.password))
            #expect(!line.contains(world.session))
            #expect(!world.server.logs.lines.contains { $0.contains(StorageFaultWorld.password) })
        }
    }
}
