import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// A guardian resets a linked child's password, with `enforce_step_up` on.
@Suite struct ChildPasswordResetTests {
    @Test("resetting a linked child's password needs step-up, then works like a reissue; refused for a child with a verified contact or not linked")
    func resetNeedsStepUp() async throws {
        try await StepUpAPITests.run { server, _ in
            let fixture = GuardianFixture(server: server)
            let schoolClass = try await fixture.schoolClass()
            let child = try await fixture.student(login: "g57-7201", in: schoolClass)
            let teen = try await fixture.student(login: "g57-7202", in: schoolClass, phone: "+79160001122")
            let stranger = try await fixture.student(login: "g57-7203", in: schoolClass)
            let mother = try await fixture.adult(login: "anna.petrova", phone: "+79161234567")
            for student in [child, teen] {
                let claimed = try await mother.client.post("/v1/me/children/claim", json: [
                    "login": student.login, "password": student.password, "relation": "mother"])
                try #require(claimed.status == 201, "\(claimed.text)")
            }
            let path = "/v1/me/children/\(child.id)/temporary-password"
            let refused = try await mother.client.post(path)
            #expect(refused.status == 403 && refused.errorCode == "step_up_required", "\(refused.text)")

            try await StepUpAPITests.proveSecondFactor(mother.client, on: server)
            let reset = try await mother.client.post(path)
            #expect(reset.status == 200, "\(reset.text)")
            let fresh = try #require(reset.string("temporary_password"))
            #expect(fresh != child.password && reset.string("login") == child.login)
            let old = try await APIClient(server).post("/v1/login", json: ["login": child.login, "password": child.password])
            #expect(old.status == 401)
            let new = try await APIClient(server).post("/v1/login", json: ["login": child.login, "password": fresh])
            #expect(new.string("status") == "password_change_required", "\(new.text)")

            let withContact = try await mother.client.post("/v1/me/children/\(teen.id)/temporary-password")
            #expect(withContact.status == 409 && withContact.errorCode == "child_has_contacts", "\(withContact.text)")
            let notLinked = try await mother.client.post("/v1/me/children/\(stranger.id)/temporary-password")
            #expect(notLinked.status == 403 && notLinked.errorCode == "permission_denied", "\(notLinked.text)")
            #expect(try await fixture.auditActions(about: child.id).contains("guardian.child_password_reset"))
        }
    }
}
