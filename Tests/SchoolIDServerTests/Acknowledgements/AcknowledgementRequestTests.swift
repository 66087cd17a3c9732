import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// `POST /v1/acknowledgements` through the real server (issue 10): who may ask, about
/// whom, idempotency, validation, and the guardians' notification.
@Suite struct AcknowledgementRequestTests {
    @Test("a client with ack:request asks about a served student (201); asking again answers 200 with the same id")
    func requestIsIdempotent() async throws {
        try await AcknowledgementWorld.run { world in
            let token = try await world.clientToken("diary-one")
            let first = try await world.request(token, world.body(deadline: world.server.clock.now().seconds + 86_400))
            #expect(first.status == 201, "\(first.text)")
            let id = try #require(first.string("id"))
            #expect(id.hasPrefix("ack_") && id.count == 26)
            #expect(first.string("state") == "pending" && first.string("client_id") == "diary-one")
            #expect(first.string("title") == "Замечание: опоздание на урок математики без уважительной причины")
            #expect(first.string("digest") == AcknowledgementWorld.digest)
            #expect(first.header("Cache-Control") == "no-store")

            let again = try await world.request(token, world.body(title: "Другой заголовок"))
            #expect(again.status == 200, "\(again.text)")
            #expect(again.string("id") == id)
            #expect(again.string("title") == "Замечание: опоздание на урок математики без уважительной причины")
            #expect(try await world.auditActions(about: world.child).filter { $0 == "ack.requested" }.count == 1)

            let newVersion = try await world.request(token, world.body(digest: String(repeating: "40", count: 32)))
            #expect(newVersion.status == 201 && newVersion.string("id") != id)
        }
    }

    @Test("eight parallel identical requests store one acknowledgement: one 201, the rest 200 with its id")
    func parallelRequestsStoreOne() async throws {
        try await AcknowledgementWorld.run { world in
            let token = try await world.clientToken("diary-one")
            let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let response = try await world.request(token, world.body())
                        return (response.status, response.string("id"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == 201 }.count == 1)
            #expect(answers.filter { $0.0 == 200 }.count == 7)
            #expect(Set(answers.compactMap(\.1)).count == 1)
            let stored = try await world.environment.storage.read { tx in
                try tx.acknowledgements.acknowledgements(ofStudent: world.child)
            }
            #expect(stored.count == 1)
        }
    }

    @Test("each active guardian gets one SMS naming the note, its title cut to 40 characters; a repeat sends none")
    func guardiansAreNotified() async throws {
        try await AcknowledgementWorld.run { world in
            let token = try await world.clientToken("diary-one")
            let title = "Замечание: опоздание на урок математики без уважительной причины"
            #expect(try await world.request(token, world.body(title: title)).status == 201)
            let expected = MessageTemplate.acknowledgementRequestedNotice(title: Acknowledgement.truncatedTitle(title))
                .sms(in: .russian)
            #expect(Acknowledgement.truncatedTitle(title).count == 40)
            #expect(try await world.delivery.sms(to: AcknowledgementWorld.motherPhone).text == expected)
            #expect(try await world.delivery.sms(to: AcknowledgementWorld.fatherPhone).text == expected)
            #expect(try await world.request(token, world.body(title: title)).status == 200)
            _ = try await world.server.application.dispatcher.runOnce()
            #expect(world.delivery.smsCount(to: AcknowledgementWorld.motherPhone) == 1)
            #expect(world.delivery.smsCount(to: AcknowledgementWorld.fatherPhone) == 1)
            #expect(world.delivery.smsCount(to: AcknowledgementWorld.strangerPhone) == 0)
        }
    }

    @Test("a student of a school the client does not serve is 403 student_not_served, like an unknown account")
    func outsiderIsNotServed() async throws {
        try await AcknowledgementWorld.run { world in
            let token = try await world.clientToken("diary-one")
            let outsider = try await world.request(token, world.body(student: world.outsider))
            #expect(outsider.status == 403 && outsider.string("error") == "student_not_served", "\(outsider.text)")
            let unknown = try await world.request(token, world.body(student: .random(using: SeededRandomSource(seed: 3))))
            #expect(unknown.status == 403 && unknown.string("error") == "student_not_served")
            #expect(world.delivery.smsCount(to: AcknowledgementWorld.strangerPhone) == 0)
        }
    }

    @Test("without the ack:request scope, with a person's token or with a session the request is 403; without a token 401")
    func onlyClientsWithTheScopeAsk() async throws {
        try await AcknowledgementWorld.run { world in
            let unscoped = try await world.clientToken("diary-two", scopes: ["diary"])
            let noScope = try await world.request(unscoped, world.body())
            #expect(noScope.status == 403 && noScope.string("error") == "permission_denied", "\(noScope.text)")

            _ = try await world.clientToken("diary-one")
            let person = try await Self.personToken(in: world)
            let personal = try await world.request(person, world.body())
            #expect(personal.status == 403 && personal.string("error") == "permission_denied", "\(personal.text)")

            let session = try await world.mother.post(Routes.acknowledgements, json: world.body())
            #expect(session.status == 403 && session.string("error") == "permission_denied")

            let anonymous = try await world.request(nil, world.body())
            #expect(anonymous.status == 401 && anonymous.string("error") == "unauthorized")
            let forged = try await world.request("eyJhbGciOiJub25lIn0.e30.", world.body())
            #expect(forged.status == 401)
        }
    }

    @Test("the same document and digest about another student is 409 acknowledgement_conflict")
    func conflictAcrossStudents() async throws {
        try await AcknowledgementWorld.run { world in
            let token = try await world.clientToken("diary-one")
            #expect(try await world.request(token, world.body()).status == 201)
            let other = try await world.request(token, world.body(student: world.classmate))
            #expect(other.status == 409 && other.string("error") == "acknowledgement_conflict", "\(other.text)")
        }
    }

    @Test("a malformed field is 400 acknowledgement_invalid", arguments: [
        ("document", ""), ("document", "note with spaces"), ("title", ""), ("title", String(repeating: "я", count: 201)),
        ("digest", String(repeating: "3F", count: 32)), ("digest", "abc"), ("deadline", "past"),
    ])
    func invalidField(_ field: String, _ value: String) async throws {
        try await AcknowledgementWorld.run { world in
            let token = try await world.clientToken("diary-one")
            var body = world.body()
            body[field] = field == "deadline" ? Int(world.server.clock.now().seconds) - 1 : value
            let response = try await world.request(token, body)
            #expect(response.status == 400 && response.string("error") == "acknowledgement_invalid", "\(response.text)")
        }
    }

    /// A person's access token at `diary-one` carrying `ack:request`, minted by the
    /// server's own issuer (a person's token never requests acknowledgements).
    static func personToken(in world: AcknowledgementWorld) async throws -> String {
        let environment = world.environment, application = world.server.application
        let issuer = TokenIssuer(issuer: application.issuer, policy: environment.policies.tokens,
                                 keys: application.keyring.snapshot, random: environment.random)
        let now = environment.clock.now()
        let motherID = try await environment.storage.read { tx in
            try #require(try tx.guardianLinks.links(ofStudent: world.child).first).guardianID
        }
        return try await environment.storage.read { tx in
            let actor = try Actor.load(motherID, session: nil, at: now, in: tx)
            return try issuer.accessToken(for: actor, clientID: "diary-one", audience: "diary-one-api",
                                          scopes: ["openid", "ack:request"], algorithm: .ES256, session: nil, at: now,
                                          in: tx).compact
        }
    }
}
