import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// A teacher proposes a guardian found by SNILS (issue 7): only a SNILS staff verified
/// finds the adult; a declared one, an invalid one or an unknown one finds nobody.
@Suite struct GuardianProposalBySNILSTests {
    static let verified = "112-233-445 95"
    static let declared = "123-456-789 64"

    @Test("a verified SNILS finds the adult (pending link); a declared, unknown or malformed one does not")
    func proposeBySNILS() async throws {
        try await SchoolWorld.run { world in
            let fixture = GuardianFixture(server: world.server)
            let row = try #require(try await world.issue(names: [("Петров", "Миша")]).first)
            let studentID = try #require(try await world.students().first { $0["login"] as? String == row.login }?["account_id"]
                as? String)
            let father = try await fixture.adult(login: "oleg.petrov", phone: nil)
            let mother = try await fixture.adult(login: "anna.petrova", phone: nil)
            let service = SNILSService(environment: world.server.application.environment)
            let cli = RequestContext.commandLine(requestID: "test-snils")
            _ = try await service.verify(by: .commandLine, accountID: father.id, snils: try SNILS(parsing: Self.verified),
                                         context: cli)
            let declared = try await SNILSAPITests.put(mother.client, "/v1/me/snils", Self.declared)
            #expect(declared.status == 200, "\(declared.text)")
            let path = "/v1/students/\(studentID)/guardian-proposals"

            let byDeclared = try await world.teacher.post(path, json: ["snils": Self.declared, "relation": "mother"])
            #expect(byDeclared.status == 404 && byDeclared.errorCode == "guardian_not_found", "\(byDeclared.text)")
            let unknown = try await world.teacher.post(path, json: ["snils": "001-001-999 65", "relation": "other"])
            #expect(unknown.status == 404 && unknown.errorCode == "guardian_not_found", "\(unknown.text)")
            let malformed = try await world.teacher.post(path, json: ["snils": "112-233-445 96", "relation": "father"])
            #expect(malformed.status == 400 && malformed.errorCode == "snils_invalid", "\(malformed.text)")
            #expect(malformed.string("field") == "snils")
            let both = try await world.teacher.post(path, json: ["snils": Self.verified, "phone": "+79161234567",
                                                                 "relation": "father"])
            #expect(both.status == 400, "\(both.text)")

            let proposed = try await world.teacher.post(path, json: ["snils": "11223344595", "relation": "father"])
            #expect(proposed.status == 201 && proposed.string("state") == "pending", "\(proposed.text)")
            let links = try await father.client.get("/v1/me/guardian-links")
            #expect(links.objects("links").map { $0["state"] as? String } == ["pending"])
            #expect(try await mother.client.get("/v1/me/guardian-links").objects("links").isEmpty)
            let actions = try await SchoolWorld.auditActions(world.schoolAdmin, query: "&account_id=\(studentID)")
            #expect(actions.filter { $0 == "guardian_link.proposed" }.count == 3)
        }
    }
}
