import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// A school the diary services serve and one they do not, a child in each, the served
/// child's mother and father (active links, verified phones, logged in) and a stranger
/// guardian; diary services registered through ``ClientService`` and tokens from the
/// real token endpoint. SMS go to the fake gateway of a ``DeliveryWorld``.
struct AcknowledgementWorld: Sendable {
    static let motherPhone = "+79161110001"
    static let fatherPhone = "+79161110002"
    static let strangerPhone = "+79161110003"
    static let digest = String(repeating: "3f", count: 32)

    let delivery: DeliveryWorld
    /// The served child (with the temporary password of their slip).
    let student: GuardianFixture.Student
    var child: Account.ID { student.id }
    /// A student of the school no client serves.
    let outsider: Account.ID
    /// A second student of the served school, without guardians.
    let classmate: Account.ID
    let mother: APIClient
    let father: APIClient
    let stranger: APIClient
    let servedSchool: School.ID
    var server: TestServer { delivery.server }
    var environment: ServiceEnvironment { server.application.environment }

    /// - Parameter trustedMaySign: `acknowledgements.json` `trusted_persons_may_sign`.
    static func run(trustedMaySign: Bool = false, _ body: (AcknowledgementWorld) async throws -> Void) async throws {
        try await DeliveryWorld.run(configure: { configuration in
            configuration.trustedProxies = [IPAddressRange("127.0.0.1/32")!]
            if trustedMaySign { Self.allowTrustedSigning(in: configuration.policies) }
        }) { delivery in
            let people = GuardianFixture(server: delivery.server)
            let served = try await people.schoolClass(code: "g57")
            let elsewhere = try await people.schoolClass(code: "h58")
            let child = try await people.student(login: "g57-7301", in: served)
            let classmate = try await people.student(login: "g57-7302", in: served)
            let outsider = try await people.student(login: "h58-7301", in: elsewhere)
            let (motherID, mother) = try await people.adult(login: "anna.petrova", phone: motherPhone)
            let (fatherID, father) = try await people.adult(login: "pavel.petrov", phone: fatherPhone)
            let (strangerID, stranger) = try await people.adult(login: "olga.sidorova", phone: strangerPhone)
            let environment = delivery.server.application.environment
            let now = environment.clock.now()
            try await environment.storage.write { tx in
                for (guardian, student, relation) in [(motherID, child.id, GuardianLink.Relation.mother),
                                                      (fatherID, child.id, .father), (strangerID, outsider.id, .mother)]
                {
                    try tx.guardianLinks.insert(GuardianLink(
                        id: .random(using: environment.random), guardianID: guardian, studentID: student,
                        relation: relation, origin: .credentials, state: .active, createdAt: now, confirmedAt: now))
                }
            }
            try await body(AcknowledgementWorld(
                delivery: delivery, student: child, outsider: outsider.id, classmate: classmate.id, mother: mother,
                father: father, stranger: stranger, servedSchool: served.schoolID))
        }
    }

    /// Rewrites `acknowledgements.json` of the test's policy copy to let trusted persons sign.
    static func allowTrustedSigning(in policies: String) {
        let path = policies + "/acknowledgements.json"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        try? text.replacingOccurrences(of: "\"trusted_persons_may_sign\": false", with: "\"trusted_persons_may_sign\": true")
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Registers a confidential `client_credentials` client serving the served school
    /// with `scopes`, and returns an access token from `POST /oauth/token`.
    func clientToken(_ id: String, scopes: [String] = ["ack:request"]) async throws -> String {
        let registration = ClientRegistration(id: id, name: "Дневник \(id)", type: "confidential",
                                              grants: ["client_credentials"], scopes: scopes, audience: id + "-api",
                                              schoolIDs: [servedSchool])
        let issued = try await ClientService(environment: environment)
            .register(by: .commandLine, registration, context: .commandLine(requestID: "test"))
        let secret = try #require(issued.secret?.unredacted)
        let pair = Data("\(id):\(secret)".utf8).base64EncodedString()
        let form = "grant_type=client_credentials&scope=" + scopes.joined(separator: "%20")
        let response = try await APIClient(server).send(
            "POST", "/oauth/token", body: Array(form.utf8), contentType: "application/x-www-form-urlencoded",
            extraHeaders: [("Authorization", "Basic " + pair)])
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.string("access_token"))
    }

    /// A request body for `student` (the served child by default).
    func body(student: Account.ID? = nil, document: String = "note-2026-11-29-1",
              title: String = "Замечание: опоздание на урок математики без уважительной причины",
              digest: String = digest, deadline: Int64? = nil) -> [String: Any]
    {
        var body: [String: Any] = ["student": (student ?? child).rawValue, "document": document, "title": title,
                                   "digest": digest]
        if let deadline { body["deadline"] = deadline }
        return body
    }

    /// `POST /v1/acknowledgements` with `token` as Bearer.
    func request(_ token: String?, _ body: [String: Any]) async throws -> APIResponse {
        try await APIClient(server, bearer: token).post(Routes.acknowledgements, json: body)
    }

    /// The ids in a list answer.
    static func ids(_ response: APIResponse) -> [String] {
        response.objects("acknowledgements").compactMap { $0["id"] as? String }
    }

    /// The audit actions about `account`, newest first.
    func auditActions(about account: Account.ID) async throws -> [String] {
        try await environment.storage.read { tx in
            try tx.audit.events(AuditQuery(accountID: account, limit: 100)).map(\.action.rawValue)
        }
    }
}
