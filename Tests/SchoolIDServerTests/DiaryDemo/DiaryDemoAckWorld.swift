import DiaryDemo
import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import SchoolIDVerifier
import Testing

/// An ``AcknowledgementWorld`` (a served school, a child with mother and father, SMS to the
/// fake gateway) plus `diary-demo` registered as README "diary-demo" says — the code flow
/// and `client_credentials` with `ack:request`, serving that school — running in-process
/// with its checkpoint in a file, and the mother signed in to it. The mother is also the
/// guardian of a second served student, so two notes can be signed one after the other.
struct DiaryDemoAckWorld {
    let acks: AcknowledgementWorld
    let demo: DiaryDemo
    let diary: Browser
    /// The served child, then the second student of the mother.
    let students: [Account.ID]
    /// The demo's `--checkpoint-store` file.
    let checkpointPath: String

    /// Runs `body` in a fresh world and stops the demo afterwards.
    static func run(_ body: (DiaryDemoAckWorld) async throws -> Void) async throws {
        try await AcknowledgementWorld.run { acks in
            let environment = acks.environment
            let now = environment.clock.now()
            let (child, classmate) = (acks.child, acks.classmate)
            try await environment.storage.write { tx in
                let mother = try #require(try tx.guardianLinks.links(ofStudent: child).first { $0.relation == .mother })
                try tx.guardianLinks.insert(GuardianLink(
                    id: .random(using: environment.random), guardianID: mother.guardianID, studentID: classmate,
                    relation: .mother, origin: .credentials, state: .active, createdAt: now, confirmedAt: now))
            }
            let issued = try await ClientService(environment: environment).register(
                by: .commandLine,
                ClientRegistration(id: DiaryDemoWorld.clientID, name: "Diary demo",
                                   redirectURIs: [DiaryDemoWorld.origin + "/callback"],
                                   postLogoutRedirectURIs: [DiaryDemoWorld.origin + "/"],
                                   grants: ["authorization_code", "refresh_token", "client_credentials"],
                                   scopes: ["openid", "offline_access", "diary", "attendance", "nutrition", "ack:request"],
                                   schoolIDs: [acks.servedSchool]),
                context: .commandLine(requestID: "demo"))
            let server = acks.server
            var configuration = DiaryDemoConfiguration(
                issuer: server.application.issuer, clientID: DiaryDemoWorld.clientID,
                clientSecret: Secret(try #require(issued.secret?.unredacted)), redirectBase: DiaryDemoWorld.origin, port: 0)
            configuration.clock = server.clock
            configuration.random = SeededRandomSource(seed: 10)
            let checkpointPath = server.directory.file("diary-demo-checkpoint.json")
            configuration.checkpointStorePath = checkpointPath
            let (demo, port, task) = try await DiaryDemoWorld.launch(configuration)
            let world = DiaryDemoAckWorld(acks: acks, demo: demo, diary: Browser(port: port), students: [child, classmate],
                                          checkpointPath: checkpointPath)
            do {
                let signedIn = try await DiaryDemoWorld.signIn(diary: world.diary, provider: Browser(port: server.port),
                                                               issuer: server.application.issuer) { browser, path in
                    let form = try await browser.get(path)
                    let loggedIn = try await browser.post("/login", form: [
                        ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", "anna.petrova"),
                        ("password", GuardianFixture.adultPassword),
                    ])
                    try #require(loggedIn.status == 303, "\(loggedIn.status) \(loggedIn.bodyText)")
                }
                try #require(signedIn.status == 303 && signedIn.header("Location") == "/")
                try await body(world)
            } catch {
                task.cancel()
                _ = try? await task.value
                throw error
            }
            task.cancel()
            try await task.value
        }
    }

    /// The demo's notes page about `student`.
    func notes(_ student: Account.ID) async throws -> TestResponse {
        let page = try await diary.get("/students/\(student.rawValue)/notes")
        try #require(page.status == 200, "\(page.bodyText)")
        return page
    }

    /// Presses "ask the parent to sign" on the notes page and waits for the guardians'
    /// notices (so later code SMS are told apart); returns the request's id.
    @discardableResult
    func askToSign(_ student: Account.ID) async throws -> String {
        let page = try await notes(student)
        let phones = student == students[0] ? [AcknowledgementWorld.motherPhone, AcknowledgementWorld.fatherPhone]
            : [AcknowledgementWorld.motherPhone]
        let counts = phones.map { ($0, acks.delivery.smsCount(to: $0)) }
        let asked = try await diary.post("/students/\(student.rawValue)/notes/request",
                                         form: [("csrf_token", try #require(Browser.csrfToken(in: page)))])
        try #require(asked.status == 303, "\(asked.status) \(asked.bodyText)")
        for (phone, count) in counts { _ = try await acks.delivery.sms(to: phone, after: count) }
        let listed = try await acks.mother.get("/v1/acknowledgements?student=\(student.rawValue)")
        return try #require(AcknowledgementWorld.ids(listed).last)
    }

    /// The mother signs `id` through SchoolID's API with the SMS code from the fake gateway
    /// (two minutes later, past the resend pause of an earlier code).
    func signWithSMS(_ id: String) async throws {
        acks.server.clock.advance(seconds: 120)
        let (challenge, code, _) = try await acks.code(id, signer: acks.mother)
        let signed = try await acks.sign(id, signer: acks.mother, challenge: challenge, code: code)
        try #require(signed.status == 201, "\(signed.text)")
    }

    /// The `id="name"` element's text on `page` (the first one).
    static func element(_ name: String, in page: TestResponse) -> String? {
        guard let start = page.bodyText.range(of: "id=\"\(name)\">") else { return nil }
        let rest = page.bodyText[start.upperBound...]
        return rest.range(of: "<").map { String(rest[..<$0.lowerBound]) }
    }

    /// The checkpoint the demo holds in its file.
    func heldCheckpoint() async throws -> VerifiedCheckpoint? {
        try await FileCheckpointStore(path: URL(fileURLWithPath: checkpointPath)).load()
    }
}
