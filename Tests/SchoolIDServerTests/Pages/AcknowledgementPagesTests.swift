import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `/account/acknowledgements…` in browsers (issue 10), through the real server on an
/// ``AcknowledgementWorld``: the served child's mother (`anna.petrova`) and father
/// (`pavel.petrov`), a stranger guardian of another child, SMS through the fake gateway.
@Suite struct AcknowledgementPagesTests {
    static let list = "/account/acknowledgements"

    static func page(_ id: String) -> String { "\(list)/\(id)" }

    /// `browser` posts `fields` to `path` with the CSRF token of `page`.
    static func submit(_ browser: Browser, from page: String, to path: String, _ fields: [(String, String)])
        async throws -> TestResponse
    {
        try await FamilyPagesTests.submit(browser, from: page, to: path, fields)
    }

    /// Asks for a code on the confirmation page of `id` and reads it from the gateway.
    static func smsCode(_ world: AcknowledgementWorld, _ browser: Browser, _ id: String,
                        phone: String = AcknowledgementWorld.motherPhone) async throws
        -> (page: TestResponse, challenge: String, code: String)
    {
        let before = world.delivery.smsCount(to: phone)
        let sent = try await submit(browser, from: page(id), to: "\(page(id))/code", [])
        try #require(sent.status == 200, "\(sent.bodyText)")
        let challenge = try #require(BrowserEnrolment.between(sent.bodyText, "name=\"challenge_id\" value=\"", "\""))
        let sms = try await world.delivery.sms(to: phone, after: before).text
        return (sent, challenge, try #require(DeliveryWorld.code(in: sms)))
    }

    /// The catalogue message of `code` as a page shows it.
    static func message(_ code: ErrorCode, _ language: MessageLanguage = .russian) -> String {
        HTML.escape(code.message(in: language))
    }

    @Test("the list shows each child's pending requests with the diary service and a sign link, and the signed ones with who, how and the receipt")
    func listPendingAndSigned() async throws {
        try await AcknowledgementWorld.run { world in
            let pending = try await world.pending(deadline: Int64(world.environment.clock.now().seconds) + 86_400)
            let signedID = try await world.pending(client: "diary-two", document: "note-2")
            let signed = try await world.sign(signedID, signer: world.father)
            try #require(signed.status == 201, "\(signed.text)")
            let mother = try await FamilyPagesTests.browser(world.server, login: "anna.petrova")
            let page = try await mother.get(Self.list)
            #expect(page.status == 200)
            let text = page.bodyText
            #expect(text.contains("id=\"child-\(world.child.rawValue)\""))
            let pendingList = try #require(BrowserEnrolment.between(text, "<ul class=\"pending\">", "</ul>"))
            #expect(pendingList.contains("Замечание: опоздание на урок математики без уважительной причины"))
            #expect(pendingList.contains("Дневник diary-one") && pendingList.contains(AcknowledgementPageText.deadlineLabel.russian))
            #expect(pendingList.contains("href=\"\(Self.page(pending))\">Подписать</a>"))
            #expect(!pendingList.contains(signedID))
            let signedList = try #require(BrowserEnrolment.between(text, "<ul class=\"signed\">", "</ul>"))
            #expect(signedList.contains("Дневник diary-two") && signedList.contains("Отец") && signedList.contains("пароль"))
            #expect(signedList.contains("href=\"\(Self.page(signedID))/receipt\""))

            let receipt = try await mother.get("\(Self.page(signedID))/receipt")
            #expect(receipt.status == 200)
            #expect(receipt.header("Content-Type") == "application/jwt" && receipt.header("Cache-Control") == "no-store")
            #expect(receipt.header("Content-Disposition") == "attachment; filename=\"receipt-\(signedID).jwt\"")
            #expect(receipt.bodyText == signed.string("receipt"))
            let none = try await mother.get("\(Self.page(pending))/receipt")
            #expect(none.status == 404, "a pending request has no receipt yet")

            let children = try await mother.get("/account/children")
            #expect(children.bodyText.contains("href=\"\(Self.list)#child-\(world.child.rawValue)\""))
        }
    }

    @Test("a guardian signs with the SMS code from the gateway: the page shows the digest grouped, the code form, a wrong code next to its field, then the receipt")
    func signWithSMSCode() async throws {
        try await AcknowledgementWorld.run { world in
            let id = try await world.pending()
            let mother = try await FamilyPagesTests.browser(world.server, login: "anna.petrova")
            let detail = try await mother.get(Self.page(id))
            #expect(detail.status == 200 && detail.header("Cache-Control") == "no-store")
            #expect(detail.bodyText.contains("note-2026-11-29-1") && detail.bodyText.contains("Дневник diary-one"))
            #expect(detail.bodyText.contains("3f3f 3f3f 3f3f 3f3f<br>3f3f 3f3f 3f3f 3f3f<br>"), "the digest in groups")
            #expect(!detail.bodyText.contains("challenge_id"))

            let (sent, challenge, code) = try await Self.smsCode(world, mother, id)
            #expect(sent.bodyText.contains(AcknowledgementPageText.resendAfterLabel.russian))
            let wrong = try await Self.submit(mother, from: Self.page(id), to: "\(Self.page(id))/sign", [
                ("method", "sms-otp"), ("challenge_id", challenge), ("code", code == "000000" ? "111111" : "000000")])
            #expect(wrong.status == 400)
            #expect(wrong.bodyText.contains("id=\"error-code-code\">\(Self.message(.codeInvalid))</p>"))
            #expect(wrong.bodyText.contains("name=\"challenge_id\" value=\"\(challenge)\""), "the code form is kept")

            let done = try await Self.submit(mother, from: Self.page(id), to: "\(Self.page(id))/sign", [
                ("method", "sms-otp"), ("challenge_id", challenge), ("code", code)])
            #expect(done.status == 200 && done.header("Cache-Control") == "no-store", "\(done.bodyText)")
            #expect(done.bodyText.contains(AcknowledgementPageText.successTitle.russian))
            #expect(done.bodyText.contains("<dd class=\"ledger-index\">0</dd>"))
            #expect(done.bodyText.contains("href=\"\(Self.page(id))/receipt\""))
            let api = try await world.mother.get("/v1/acknowledgements/\(id)")
            #expect(api.string("state") == "signed")
            let claims = try AcknowledgementWorld.parts(try #require(api.string("receipt"))).claims
            #expect(claims["method"] as? String == "sms-otp")

            let again = try await mother.get(Self.page(id))
            #expect(again.bodyText.contains(AcknowledgementPageText.signedExplanation.russian))
            #expect(again.bodyText.contains(AcknowledgementPageText.withdrawSubmit.russian), "the signer may withdraw")
            let father = try await FamilyPagesTests.browser(world.server, login: "pavel.petrov")
            let seen = try await father.get(Self.page(id))
            #expect(seen.bodyText.contains("<dd>Мать</dd>") && !seen.bodyText.contains(AcknowledgementPageText.withdrawSubmit.russian))
        }
    }

    @Test("a code sent for another acknowledgement is refused on the page with its own message")
    func codeMismatch() async throws {
        try await AcknowledgementWorld.run { world in
            let first = try await world.pending()
            let second = try await world.pending(client: "diary-two", document: "note-2")
            let mother = try await FamilyPagesTests.browser(world.server, login: "anna.petrova")
            let (_, challenge, code) = try await Self.smsCode(world, mother, first)
            let other = try await Self.submit(mother, from: Self.page(second), to: "\(Self.page(second))/sign", [
                ("method", "sms-otp"), ("challenge_id", challenge), ("code", code)])
            #expect(other.status == 400)
            #expect(other.bodyText.contains(Self.message(.acknowledgementCodeMismatch)))
            #expect((try await world.mother.get("/v1/acknowledgements/\(second)")).string("state") == "pending")
        }
    }

    @Test("the password signs; a wrong one shows next to the password field; the signer withdraws with the password")
    func signWithPasswordAndWithdraw() async throws {
        try await AcknowledgementWorld.run { world in
            let id = try await world.pending()
            let father = try await FamilyPagesTests.browser(world.server, login: "pavel.petrov")
            let wrong = try await Self.submit(father, from: Self.page(id), to: "\(Self.page(id))/sign", [
                ("method", "password"), ("password", "not-the-password-at-all")])
            #expect(wrong.status == 401)
            #expect(wrong.bodyText.contains("id=\"error-password-password\">\(Self.message(.invalidCredentials))</p>"))
            let done = try await Self.submit(father, from: Self.page(id), to: "\(Self.page(id))/sign", [
                ("method", "password"), ("password", GuardianFixture.adultPassword)])
            #expect(done.status == 200 && done.bodyText.contains(AcknowledgementPageText.successTitle.russian))
            let replay = try await Self.submit(father, from: Self.page(id), to: "\(Self.page(id))/sign", [
                ("method", "password"), ("password", GuardianFixture.adultPassword)])
            #expect(replay.status == 409 && replay.bodyText.contains(Self.message(.acknowledgementAlreadySigned)))

            let withdrawn = try await Self.submit(father, from: Self.page(id), to: "\(Self.page(id))/withdraw", [
                ("password", GuardianFixture.adultPassword)])
            #expect(withdrawn.status == 303 && withdrawn.header("Location") == Self.page(id))
            let page = try await father.get(Self.page(id))
            #expect(page.bodyText.contains(AcknowledgementPageText.withdrawnExplanation.russian))
            #expect((try await world.father.get("/v1/acknowledgements/\(id)")).string("state") == "withdrawn")
        }
    }

    @Test("a post without the CSRF token is refused and signs nothing; an unlinked adult gets 404 and sees no child")
    func csrfAndStranger() async throws {
        try await AcknowledgementWorld.run { world in
            let id = try await world.pending()
            let mother = try await FamilyPagesTests.browser(world.server, login: "anna.petrova")
            let forged = try await mother.post("\(Self.page(id))/sign", form: [
                ("method", "password"), ("password", GuardianFixture.adultPassword)])
            #expect(forged.status == 403)
            let code = try await mother.post("\(Self.page(id))/code", form: [("csrf_token", "forged")])
            #expect(code.status == 403)
            #expect((try await world.mother.get("/v1/acknowledgements/\(id)")).string("state") == "pending")

            let stranger = try await FamilyPagesTests.browser(world.server, login: "olga.sidorova")
            #expect((try await stranger.get(Self.page(id))).status == 404)
            #expect((try await stranger.get("\(Self.page(id))/receipt")).status == 404)
            let signing = try await Self.submit(stranger, from: "/account/children", to: "\(Self.page(id))/sign", [
                ("method", "password"), ("password", GuardianFixture.adultPassword)])
            #expect(signing.status == 404)
            let list = try await stranger.get(Self.list)
            #expect(list.status == 200 && !list.bodyText.contains(id) && !list.bodyText.contains(world.child.rawValue))
            #expect((try await Browser(port: world.server.port).get(Self.list)).header("Location") == "/login")
        }
    }

    @Test("English renders, and a title with markup is shown as text")
    func englishAndEscaping() async throws {
        try await AcknowledgementWorld.run { world in
            let token = try await world.clientToken("diary-x")
            let requested = try await world.request(token, world.body(document: "note-x",
                                                                      title: "<script>alert(1)</script> & co"))
            let id = try #require(requested.string("id"), "\(requested.text)")
            let mother = try await FamilyPagesTests.browser(world.server, login: "anna.petrova")
            mother.acceptLanguage = "en"
            let list = try await mother.get(Self.list)
            #expect(list.bodyText.contains("<html lang=\"en\">") && list.bodyText.contains(AcknowledgementPageText.listTitle.english))
            #expect(list.bodyText.contains(AcknowledgementPageText.pendingHeading.english))
            let detail = try await mother.get(Self.page(id))
            #expect(detail.bodyText.contains(AcknowledgementPageText.smsSubmit.english))
            for page in [list, detail] {
                #expect(page.bodyText.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
                #expect(!page.bodyText.contains("<script>"))
            }
        }
    }

    @Test("a trusted person with diary sees and signs only when policy allows it", arguments: [false, true])
    func trustedPerson(maySign: Bool) async throws {
        try await AcknowledgementWorld.run(trustedMaySign: maySign) { world in
            let id = try await world.pending()
            _ = try await world.trustedPerson()
            let nanny = try await FamilyPagesTests.browser(world.server, login: "irina.nanny")
            let list = try await nanny.get(Self.list)
            #expect(list.status == 200 && list.bodyText.contains(id) == maySign)
            let signed = try await Self.submit(nanny, from: "/account/children", to: "\(Self.page(id))/sign", [
                ("method", "password"), ("password", GuardianFixture.adultPassword)])
            #expect(signed.status == (maySign ? 200 : 404), "\(signed.bodyText)")
            let mother = try await FamilyPagesTests.browser(world.server, login: "anna.petrova")
            let seen = try await mother.get(Self.page(id))
            #expect(seen.bodyText.contains(AcknowledgementPageText.roleTrusted.russian) == maySign)
        }
    }
}
