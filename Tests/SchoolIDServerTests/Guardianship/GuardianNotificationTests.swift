import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Who hears of a new guardian link or a trusted-person invitation (issue 7): the
/// class teacher and the child's other guardians, at their verified contacts, through
/// the fake SMS gateway; never the person who made the change.
@Suite struct GuardianNotificationTests {
    static let teacherPhone = "+79161110010"
    static let motherPhone = "+79161110001"
    static let fatherPhone = "+79161110002"
    static let inviteePhone = "+79161110003"

    /// A delivery world with a class (its teacher has a verified phone), a child and two
    /// adults with verified phones, none linked yet.
    struct Family: Sendable {
        let world: DeliveryWorld
        let child: GuardianFixture.Student
        let mother: APIClient
        let father: APIClient
        let people: GuardianFixture

        /// The adult claims the child with its temporary credentials.
        func claim(by guardian: APIClient, relation: String) async throws {
            let claimed = try await guardian.post("/v1/me/children/claim", json: [
                "login": child.login, "password": child.password, "relation": relation])
            try #require(claimed.status == 201 || claimed.status == 200, "\(claimed.text)")
        }

        /// Runs the dispatcher until the outbox is drained, so counts are final.
        func flush() async throws { _ = try await world.server.application.dispatcher.runOnce() }
    }

    static func run(_ body: (Family) async throws -> Void) async throws {
        try await DeliveryWorld.run(configure: { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }) { world in
            let people = GuardianFixture(server: world.server)
            let schoolClass = try await people.schoolClass()
            let child = try await people.student(login: "g57-7301", in: schoolClass)
            let (teacherID, _) = try await people.adult(login: "olga.teacher", phone: teacherPhone)
            try await world.server.application.environment.storage.write { tx in
                try tx.classes.assign(teacher: teacherID, to: schoolClass.id)
            }
            let (_, mother) = try await people.adult(login: "anna.petrova", phone: motherPhone)
            let (_, father) = try await people.adult(login: "pavel.petrov", phone: fatherPhone)
            try await body(Family(world: world, child: child, mother: mother, father: father, people: people))
        }
    }

    @Test("a new guardian link notifies the class teacher and the other guardians, never the new guardian")
    func linkNotifiesTeacherAndOtherGuardians() async throws {
        try await Self.run { family in
            let world = family.world
            let notice = MessageTemplate.guardianLinkedNotice(studentLogin: "g57-7301").sms(in: .russian)
            try await family.claim(by: family.mother, relation: "mother")
            #expect(try await world.sms(to: Self.teacherPhone).text == notice)
            try await family.flush()
            #expect(world.smsCount(to: Self.motherPhone) == 0)

            try await family.claim(by: family.father, relation: "father")
            #expect(try await world.sms(to: Self.teacherPhone, after: 1).text == notice)
            #expect(try await world.sms(to: Self.motherPhone).text == notice)
            try await family.flush()
            #expect(world.smsCount(to: Self.fatherPhone) == 0)
            #expect(world.smsCount(to: Self.teacherPhone) == 2 && world.smsCount(to: Self.motherPhone) == 1)
        }
    }

    @Test("a trusted-person invitation notifies the other guardian; its acceptance notifies both guardians, not the invitee")
    func invitationAndAcceptanceNotifyGuardians() async throws {
        try await Self.run { family in
            let world = family.world
            try await family.claim(by: family.mother, relation: "mother")
            try await family.claim(by: family.father, relation: "father")
            let (_, invitee) = try await family.people.adult(login: "ivan.sidorov", phone: Self.inviteePhone)
            try await family.flush()
            let (motherBefore, fatherBefore) = (world.smsCount(to: Self.motherPhone), world.smsCount(to: Self.fatherPhone))

            // GuardianFixture adults are all named Петрова.
            let created = try await family.mother.post("/v1/me/children/\(family.child.id.rawValue)/invitations", json: [
                "last_name": "Петрова", "phone": Self.inviteePhone, "services": ["diary"]])
            try #require(created.status == 201, "\(created.text)")
            let invited = MessageTemplate.trustedPersonNotice(studentLogin: "g57-7301", accepted: false).sms(in: .russian)
            #expect(try await world.sms(to: Self.fatherPhone, after: fatherBefore).text == invited)
            try await family.flush()
            #expect(world.smsCount(to: Self.motherPhone) == motherBefore)
            #expect(world.smsCount(to: Self.inviteePhone) == 0)

            let id = try TrustedFixture.invitationID(created)
            let accepted = try await invitee.post("/v1/invitations/\(id)/accept")
            try #require(accepted.status == 200, "\(accepted.text)")
            let acceptedNotice = MessageTemplate.trustedPersonNotice(studentLogin: "g57-7301", accepted: true).sms(in: .russian)
            #expect(try await world.sms(to: Self.fatherPhone, after: fatherBefore + 1).text == acceptedNotice)
            #expect(try await world.sms(to: Self.motherPhone, after: motherBefore).text == acceptedNotice)
            try await family.flush()
            #expect(world.smsCount(to: Self.inviteePhone) == 0)
            #expect(world.smsCount(to: Self.fatherPhone) == fatherBefore + 2)
        }
    }
}
