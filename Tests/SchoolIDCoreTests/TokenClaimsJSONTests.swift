@testable import SchoolIDCore
import SchoolIDJOSE
import Testing

/// The claims tokens carry are built as JSON directly; they must read exactly as their
/// `Codable` forms, which verifiers and the tests decode.
@Suite struct TokenClaimsJSONTests {
    @Test("students, staff (with and without a school) and act build the JSON their Codable forms encode")
    func sameAsCodable() throws {
        let student = StudentClaim(id: "acc_1", relation: "trusted", services: ["attendance", "diary"], grant: "inv_2")
        #expect(student.json == (try JSONValue(encoding: student)))
        for staff in [StaffClaim(school: "sch_1", role: "teacher", classes: ["cls_1", "cls_2"]),
                      StaffClaim(school: nil, role: "platform_admin", classes: [])]
        {
            #expect(staff.json == (try JSONValue(encoding: staff)))
        }
        let actor = ActorClaim(sub: "acc_3", relation: "guardian", grant: "lnk_4")
        #expect(actor.json == (try JSONValue(encoding: actor)))
    }
}
