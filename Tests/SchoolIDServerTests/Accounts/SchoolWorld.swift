import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// One login and temporary password from a credential batch's CSV.
struct IssuedRow: Sendable {
    let lastName: String
    let firstName: String
    let login: String
    let password: String
}

/// A real server with a platform admin and one school (school admin, teacher, class 7Б
/// of the 2026/27 school year, code `s57`), all set up through the JSON API.
///
/// The server trusts loopback as a proxy, so a test may speak for several client
/// addresses with `X-Forwarded-For` (a classroom behind one NAT is one address).
struct SchoolWorld: Sendable {
    static let staffPassword = "violet-Lantern-42-river"
    static let schoolYear = 2026

    let server: TestServer
    let anonymous: APIClient
    let platformAdmin: APIClient
    let schoolID: String
    let schoolCode: String
    let schoolAdmin: APIClient
    let schoolAdminID: String
    let teacher: APIClient
    let teacherID: String
    let classID: String
    /// The TOTP secret each staff member enrolled at their first login, by login.
    let totpSecrets: [String: [UInt8]]
    /// The teacher's recovery codes, shown at their enrolment.
    let teacherRecoveryCodes: [String]

    /// A server whose loopback peer is a trusted proxy (`monotonic`: see `TestServer`).
    static func startServer(monotonic: ManualClock? = nil) async throws -> TestServer {
        try await TestServer(monotonic: monotonic) { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }
    }

    /// Starts a server and sets up the school.
    static func make(code: String = "s57", monotonic: ManualClock? = nil) async throws -> SchoolWorld {
        let server = try await startServer(monotonic: monotonic)
        let anonymous = APIClient(server)
        let admin = try await bootstrapAdmin(server)
        let school = try await admin.client.post("/v1/schools", json: ["code": code, "name": "Школа № 57", "region": "77"])
        try #require(school.status == 201, "\(school.text)")
        let schoolID = try #require(school.string("id"))
        let schoolAdmin = try await addStaff(by: admin.client, anonymous: anonymous, server: server, schoolID: schoolID,
                                             role: "school_admin", login: "\(code)-admin")
        let teacher = try await addStaff(by: admin.client, anonymous: anonymous, server: server, schoolID: schoolID,
                                         role: "teacher", login: "\(code)-teacher")
        let classID = try await createClass(by: schoolAdmin.client, schoolID: schoolID, grade: 7, letter: "Б",
                                            teacherIDs: [teacher.accountID])
        return SchoolWorld(server: server, anonymous: anonymous, platformAdmin: admin.client, schoolID: schoolID,
                           schoolCode: code, schoolAdmin: schoolAdmin.client, schoolAdminID: schoolAdmin.accountID,
                           teacher: teacher.client, teacherID: teacher.accountID, classID: classID,
                           totpSecrets: ["admin": admin.totpSecret, "\(code)-admin": schoolAdmin.totpSecret,
                                         "\(code)-teacher": teacher.totpSecret],
                           teacherRecoveryCodes: teacher.recoveryCodes)
    }

    static func run(code: String = "s57", monotonic: ManualClock? = nil, _ body: (SchoolWorld) async throws -> Void)
        async throws
    {
        let world = try await make(code: code, monotonic: monotonic)
        do {
            try await body(world)
        } catch {
            try? await world.server.stop()
            throw error
        }
        try await world.server.stop()
    }

    /// What a staff member holds after their first login: the session and the TOTP
    /// factor they had to enrol before anything else (issue 6).
    struct StaffLogin: Sendable {
        let client: APIClient
        let accountID: String
        let totpSecret: [UInt8]
        let recoveryCodes: [String]
    }

    /// Creates the platform admin as `schoolid init` does, logs in with the one-time
    /// password, replaces it and enrols TOTP.
    static func bootstrapAdmin(_ server: TestServer) async throws -> StaffLogin {
        let (_, first) = try await DirectoryService(environment: server.application.environment).addStaff(
            by: .commandLine, role: .platformAdmin, schoolID: nil, login: "admin",
            profile: try AccountProfile(lastName: "Администратор", firstName: "Платформа", patronymic: nil, birthDate: nil),
            context: .commandLine(requestID: "test-bootstrap"))
        return try await staffFirstLogin(APIClient(server), login: "admin", password: try #require(first).text,
                                         server: server)
    }

    /// Logs in with a temporary password (expecting `password_change_required`) and sets
    /// `newPassword` with the change ticket; for people a second factor is not mandatory for.
    /// - Returns: a client carrying the new session's bearer token, and the account id.
    static func firstLogin(_ anonymous: APIClient, login: String, password: String, newPassword: String) async throws
        -> (client: APIClient, accountID: String)
    {
        let changed = try await changeTemporaryPassword(anonymous, login: login, password: password,
                                                        newPassword: newPassword)
        #expect(changed.string("status") == "logged_in")
        let token = try #require(changed.string("session_token"))
        return (anonymous.with(bearer: token), try #require(changed.string("account_id")))
    }

    /// A staff member's first login: the temporary password is replaced with
    /// ``staffPassword``, which leads to TOTP enrolment (at `server`'s clock).
    static func staffFirstLogin(_ anonymous: APIClient, login: String, password: String, server: TestServer)
        async throws -> StaffLogin
    {
        let changed = try await changeTemporaryPassword(anonymous, login: login, password: password,
                                                        newPassword: staffPassword)
        #expect(changed.string("status") == "second_factor_enrolment_required")
        let ticket = try #require(changed.string("enrolment_ticket"))
        let (confirmed, secret) = try await TOTPEnrolmentSteps.enrol(anonymous.with(bearer: ticket), on: server)
        return StaffLogin(client: anonymous.with(bearer: try #require(confirmed.string("session_token"))),
                          accountID: try #require(changed.string("account_id")), totpSecret: secret,
                          recoveryCodes: try #require(confirmed.json["recovery_codes"] as? [String]))
    }

    /// The password step of a first login and the change it requires; the change's answer.
    private static func changeTemporaryPassword(_ anonymous: APIClient, login: String, password: String,
                                                newPassword: String) async throws -> APIResponse
    {
        let ticketResponse = try await anonymous.post("/v1/login", json: ["login": login, "password": password])
        try #require(ticketResponse.status == 200, "\(ticketResponse.text)")
        #expect(ticketResponse.string("status") == "password_change_required")
        #expect(ticketResponse.string("session_token") == nil)
        let ticket = try #require(ticketResponse.string("change_ticket"))
        let changed = try await anonymous.post("/v1/password/change", json: ["change_ticket": ticket, "new_password": newPassword])
        try #require(changed.status == 200, "\(changed.text)")
        return changed
    }

    /// Logs a staff member of this world in with ``staffPassword`` and a TOTP code. The
    /// clock moves on one TOTP period first, as a person waits for a fresh code (a
    /// step is accepted once).
    /// - Returns: the answer of the second step (session token, cookie, CSRF token).
    func staffLogin(_ login: String) async throws -> APIResponse {
        let response = try await anonymous.post("/v1/login", json: ["login": login, "password": Self.staffPassword])
        try #require(response.string("status") == "second_factor_required", "\(response.text)")
        let secret = try #require(totpSecrets[login], "no TOTP secret known for \(login)")
        server.clock.advance(seconds: 30)
        let loggedIn = try await anonymous.post("/v1/login/second-factor", json: [
            "second_factor_ticket": try #require(response.string("second_factor_ticket")),
            "code": TOTPEnrolmentSteps.code(secret, server),
        ])
        try #require(loggedIn.status == 200 && loggedIn.string("status") == "logged_in", "\(loggedIn.text)")
        return loggedIn
    }

    /// ``staffLogin(_:)`` as a client carrying the session's bearer token.
    func staffClient(_ login: String) async throws -> APIClient {
        anonymous.with(bearer: try #require(try await staffLogin(login).string("session_token")))
    }

    /// Adds a staff member through the API; returns their account id and first password.
    static func createStaff(by admin: APIClient, schoolID: String, role: String, login: String) async throws
        -> (accountID: String, password: String)
    {
        let created = try await admin.post("/v1/schools/\(schoolID)/staff", json: [
            "role": role, "login": login, "last_name": "Иванова", "first_name": "Мария", "patronymic": "Петровна",
        ])
        try #require(created.status == 201, "\(created.text)")
        return (try #require(created.string("account_id")), try #require(created.string("temporary_password")))
    }

    /// Adds a staff member through the API and completes their first login.
    static func addStaff(by admin: APIClient, anonymous: APIClient, server: TestServer, schoolID: String, role: String,
                         login: String) async throws -> StaffLogin
    {
        let (_, first) = try await createStaff(by: admin, schoolID: schoolID, role: role, login: login)
        return try await staffFirstLogin(anonymous, login: login, password: first, server: server)
    }

    /// Creates a class through the API; returns its id.
    static func createClass(by admin: APIClient, schoolID: String, grade: Int, letter: String, teacherIDs: [String])
        async throws -> String
    {
        let created = try await admin.post("/v1/schools/\(schoolID)/classes", json: [
            "grade": grade, "letter": letter, "school_year_start": schoolYear, "teacher_ids": teacherIDs,
        ])
        try #require(created.status == 201, "\(created.text)")
        return try #require(created.string("id"))
    }

    /// Adds a staff member of this school (by the platform admin).
    func addStaff(role: String, login: String) async throws -> StaffLogin {
        try await Self.addStaff(by: platformAdmin, anonymous: anonymous, server: server, schoolID: schoolID, role: role,
                                login: login)
    }

    /// Uploads a roster, waits for the batch and downloads its CSV once.
    func issue(_ body: [UInt8], contentType: String, classID: String? = nil, by client: APIClient? = nil) async throws
        -> [IssuedRow]
    {
        let client = client ?? teacher
        let created = try await client.send("POST", "/v1/classes/\(classID ?? self.classID)/credential-batches", body: body,
                                            contentType: contentType)
        try #require(created.status == 202, "\(created.text)")
        let batchID = try #require(created.string("id"))
        let batch = try await waitForBatch(batchID, by: client)
        try #require(batch.string("status") == "finished", "\(batch.text)")
        let csv = try await client.get("/v1/credential-batches/\(batchID)/credentials.csv")
        try #require(csv.status == 200, "\(csv.text)")
        return Self.parseCSV(csv.body).dropFirst().map {
            IssuedRow(lastName: $0[0], firstName: $0[1], login: $0[3], password: $0[4])
        }
    }

    /// Uploads a JSON roster of students named `names` (last name, first name).
    func issue(names: [(String, String)]) async throws -> [IssuedRow] {
        let students = names.map { ["last_name": $0.0, "first_name": $0.1] }
        let body = try JSONSerialization.data(withJSONObject: ["students": students])
        return try await issue(Array(body), contentType: "application/json")
    }

    /// Polls a batch (a background job: short real sleeps) until it is no longer queued or running.
    func waitForBatch(_ batchID: String, by client: APIClient) async throws -> APIResponse {
        for _ in 0..<600 {
            let response = try await client.get("/v1/credential-batches/\(batchID)")
            try #require(response.status == 200, "\(response.text)")
            if let status = response.string("status"), status != "queued", status != "running" { return response }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestClient.Failure.timedOut
    }

    /// The students of a class as the API lists them.
    func students(classID: String? = nil, by client: APIClient? = nil) async throws -> [[String: Any]] {
        let response = try await (client ?? teacher).get("/v1/classes/\(classID ?? self.classID)/students")
        try #require(response.status == 200, "\(response.text)")
        return response.objects("students")
    }

    /// The action names of the audit events `client` may read.
    static func auditActions(_ client: APIClient, query: String = "") async throws -> [String] {
        let response = try await client.get("/v1/audit?limit=500\(query)")
        try #require(response.status == 200, "\(response.text)")
        return response.objects("events").compactMap { $0["action"] as? String }
    }

    /// Parses SchoolID's CSV download: UTF-8 BOM, `;` cells, CRLF records, RFC 4180 quotes.
    static func parseCSV(_ bytes: [UInt8]) -> [[String]] {
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "the download starts with a UTF-8 BOM")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        var records: [[String]] = [], record: [String] = [], cell = "", quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" { cell.unicodeScalars.append("\""); pending = iterator.next() } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == ";" {
                record.append(cell); cell = ""
            } else if scalar == "\r" {
                continue
            } else if scalar == "\n" {
                record.append(cell); records.append(record); record = []; cell = ""
            } else {
                cell.unicodeScalars.append(scalar)
            }
        }
        if !cell.isEmpty || !record.isEmpty { record.append(cell); records.append(record) }
        return records
    }
}
