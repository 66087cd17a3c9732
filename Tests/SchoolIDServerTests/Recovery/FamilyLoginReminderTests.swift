import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// "I don't remember my login" for families (issue 7): a guardian's reminder also names
/// the logins of the children they are actively linked to.
@Suite struct FamilyLoginReminderTests {
    /// Links the guardian `login` (fixture password) to new students of one class, by
    /// the children's temporary credentials through the API.
    static func linkChildren(_ logins: [String], to login: String, in fixture: RecoveryFixture) async throws
        -> [GuardianFixture.Student]
    {
        let people = GuardianFixture(server: fixture.world.server)
        let schoolClass = try await people.schoolClass()
        let guardian = try await GuardianFixture.login(APIClient(fixture.world.server), login, RecoveryFixture.password)
        var students: [GuardianFixture.Student] = []
        for childLogin in logins {
            let student = try await people.student(login: childLogin, in: schoolClass)
            let claimed = try await guardian.post("/v1/me/children/claim", json: [
                "login": student.login, "password": student.password, "relation": "mother"])
            try #require(claimed.status == 201 || claimed.status == 200, "\(claimed.text)")
            students.append(student)
        }
        return students
    }

    @Test("a guardian's reminder by phone and by email lists the linked children's logins")
    func listsChildren() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: "anna@example.ru")
            _ = try await Self.linkChildren(["g57-7302", "g57-7301"], to: "petrova.anna", in: fixture)

            #expect(try await fixture.client.post("/v1/recovery/login", json: ["contact": "89161234567"]).status == 202)
            let sms = try await fixture.world.sms(to: "+79161234567")
            let expected = MessageTemplate.familyLoginReminder(login: "petrova.anna", childLogins: ["g57-7301", "g57-7302"])
            #expect(sms.text == expected.sms(in: .russian))
            #expect(sms.text.contains("petrova.anna") && sms.text.contains("g57-7301") && sms.text.contains("g57-7302"))

            #expect(try await fixture.client.post("/v1/recovery/login", json: ["contact": "anna@example.ru"]).status == 202)
            let mail = try await fixture.world.email(to: "anna@example.ru")
            #expect(mail.body.contains("petrova.anna") && mail.body.contains("- g57-7301\n- g57-7302"))
        }
    }

    @Test("with too many children for one segment the SMS names the login and counts them; the email lists all")
    func manyChildrenAreCounted() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: "anna@example.ru",
                                       locale: .english)
            let children = ["g57-7301", "g57-7302", "g57-7303", "g57-7304", "g57-7305", "g57-7306", "g57-7307",
                            "g57-7308", "g57-7309", "g57-7310", "g57-7311", "g57-7312"]
            _ = try await Self.linkChildren(children, to: "petrova.anna", in: fixture)

            #expect(try await fixture.client.post("/v1/recovery/login", json: ["contact": "+79161234567"]).status == 202)
            let sms = try await fixture.world.sms(to: "+79161234567")
            #expect(sms.text == "SchoolID: your login is petrova.anna. The logins of your 12 children are in your account.")
            #expect(!sms.text.contains("g57-"))
            #expect(try await fixture.client.post("/v1/recovery/login", json: ["contact": "anna@example.ru"]).status == 202)
            let mail = try await fixture.world.email(to: "anna@example.ru")
            #expect(children.allSatisfy { mail.body.contains("- \($0)") })
        }
    }

    @Test("an ended link is not listed; an adult with no active link gets the plain reminder")
    func onlyActiveLinks() async throws {
        try await RecoveryFixture.run { fixture in
            let guardianID = try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: nil)
            try await fixture.guardian(login: "ivanov.petr", phone: "+79161234568", email: nil)
            _ = try await Self.linkChildren(["g57-7301", "g57-7302"], to: "petrova.anna", in: fixture)
            let environment = fixture.environment
            let now = environment.clock.now()
            let ended = try await environment.storage.write { tx in
                let link = try #require(try tx.guardianLinks.links(ofGuardian: guardianID).first {
                    try tx.accounts.account($0.studentID)?.login?.rawValue == "g57-7301"
                })
                return try tx.guardianLinks.transition(link.id, from: .active, to: .ended, at: now, by: nil)
            }
            try #require(ended)

            #expect(try await fixture.client.post("/v1/recovery/login", json: ["contact": "+79161234567"]).status == 202)
            let sms = try await fixture.world.sms(to: "+79161234567")
            #expect(sms.text == MessageTemplate.familyLoginReminder(login: "petrova.anna", childLogins: ["g57-7302"])
                .sms(in: .russian))
            #expect(!sms.text.contains("g57-7301"))
            #expect(try await fixture.client.post("/v1/recovery/login", json: ["contact": "+79161234568"]).status == 202)
            let plain = try await fixture.world.sms(to: "+79161234568")
            #expect(plain.text == MessageTemplate.loginReminder(login: "ivanov.petr").sms(in: .russian))
        }
    }
}
