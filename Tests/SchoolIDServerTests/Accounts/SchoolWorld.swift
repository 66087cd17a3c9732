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

    /// A server whose loopback peer is a trusted proxy.
    static func startServer() async throws -> TestServer {
        try await TestServer { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }
    }

    /// Starts a server and sets up the school.
    static func make(code: String = "s57") async throws -> SchoolWorld {
        let server = try await startServer()
        let anonymous = APIClient(server)
        let admin = try await bootstrapAdmin(server)
        let school = try await admin.post("/v1/schools", json: ["code": code, "name": "Школа № 57", "region": "77"])
        try #require(school.status == 201, "\(school.text)")
        let schoolID = try #require(school.string("id"))
        let (schoolAdmin, schoolAdminID) = try await addStaff(by: admin, anonymous: anonymous, schoolID: schoolID,
                                                             role: "school_admin", login: "\(code)-admin")
        let (teacher, teacherID) = try await addStaff(by: admin, anonymous: anonymous, schoolID: schoolID,
                                                      role: "teacher", login: "\(code)-teacher")
        let classID = try await createClass(by: schoolAdmin, schoolID: schoolID, grade: 7, letter: "Б", teacherIDs: [teacherID])
        return SchoolWorld(server: server, anonymous: anonymous, platformAdmin: admin, schoolID: schoolID, schoolCode: code,
                           schoolAdmin: schoolAdmin, schoolAdminID: schoolAdminID, teacher: teacher, teacherID: teacherID,
                           classID: classID)
    }

    /// Sets up a school, runs `body`, and stops the server whatever happens.
    static func run(code: String = "s57", _ body: (SchoolWorld) async throws -> Void) async throws {
        let world = try await make(code: code)
        do {
            try await body(world)
        } catch {
            try? await world.server.stop()
            throw error
        }
        try await world.server.stop()
    }

    /// Creates the platform admin as `schoolid init` does, logs in with the one-time
    /// password and replaces it.
    static func bootstrapAdmin(_ server: TestServer) async throws -> APIClient {
        let (_, first) = try await DirectoryService(environment: server.application.environment).addStaff(
            by: .commandLine, role: .platformAdmin, schoolID: nil, login: "admin",
            profile: try AccountProfile(lastName: "Администратор", firstName: "Платформа", patronymic: nil, birthDate: nil),
            context: .commandLine(requestID: "test-bootstrap"))
        let password = try #require(first).text
        return try await firstLogin(APIClient(server), login: "admin", password: password, newPassword: staffPassword).client
    }

    /// Logs in with a temporary password (expecting `password_change_required`) and sets
    /// `newPassword` with the change ticket.
    /// - Returns: a client carrying the new session's bearer token, and the account id.
    static func firstLogin(_ anonymous: APIClient, login: String, password: String, newPassword: String) async throws
        -> (client: APIClient, accountID: String)
    {
        let ticketResponse = try await anonymous.post("/v1/login", json: ["login": login, "password": password])
        try #require(ticketResponse.status == 200, "\(ticketResponse.text)")
        #expect(ticketResponse.string("status") == "password_change_required")
        #expect(ticketResponse.string("session_token") == nil)
        let ticket = try #require(ticketResponse.string("change_ticket"))
        let changed = try await anonymous.post("/v1/password/change", json: ["change_ticket": ticket, "new_password": newPassword])
        try #require(changed.status == 200, "\(changed.text)")
        #expect(changed.string("status") == "logged_in")
        let token = try #require(changed.string("session_token"))
        return (anonymous.with(bearer: token), try #require(changed.string("account_id")))
    }

    /// Logs in with a permanent password; returns a client with the session's bearer token.
    /// Staff without a second factor enrol TOTP with the login's enrolment ticket (issue 6).
    static func login(_ anonymous: APIClient, _ login: String, _ password: String, server: TestServer) async throws
        -> APIClient
    {
        let response = try await anonymous.post("/v1/login", json: ["login": login, "password": password])
        if response.string("status") == "second_factor_enrolment_required" {
            return try await TOTPEnrolmentSteps.enrolAtLogin(anonymous, response, on: server)
        }
        try #require(response.status == 200 && response.string("status") == "logged_in", "\(response.text)")
        let token = try #require(response.string("session_token"))
        return anonymous.with(bearer: token)
    }

    /// Adds a staff member through the API and completes their first login.
    static func addStaff(by admin: APIClient, anonymous: APIClient, schoolID: String, role: String, login: String)
        async throws -> (client: APIClient, accountID: String)
    {
        let created = try await admin.post("/v1/schools/\(schoolID)/staff", json: [
            "role": role, "login": login, "last_name": "Иванова", "first_name": "Мария", "patronymic": "Петровна",
        ])
        try #require(created.status == 201, "\(created.text)")
        let first = try #require(created.string("temporary_password"))
        return try await firstLogin(anonymous, login: login, password: first, newPassword: staffPassword)
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
    func addStaff(role: String, login: String) async throws -> (client: APIClient, accountID: String) {
        try await Self.addStaff(by: platformAdmin, anonymous: anonymous, schoolID: schoolID, role: role, login: login)
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
