import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDTesting
import Testing

/// People for the token tests, stored straight through Core on a running test server
/// (registration, linking and invitations are other areas'), and the issuer over its
/// keyring. Tokens are checked against the JWKS the server publishes.
struct TokenWorld: Sendable {
    let server: TestServer
    let school: School
    /// Classes 1…`classCount` of the school.
    let classes: [SchoolClass]
    var environment: ServiceEnvironment { server.application.environment }
    var now: UnixTime { server.clock.now() }

    /// Runs `body` with a fresh server and a school of `classCount` classes.
    static func run(classCount: Int = 3, _ body: (TokenWorld) async throws -> Void) async throws {
        let server = try await TestServer()
        do {
            let environment = server.application.environment
            let now = server.clock.now()
            let (school, classes) = try await environment.storage.write { tx in
                let school = School(id: .random(using: environment.random), code: try SchoolCode(parsing: "t57"),
                                    name: "Школа t57", region: "77", timeZone: School.defaultTimeZone, createdAt: now)
                try tx.schools.insert(school)
                let letters = Array("АБВГДЕЖИКЛМН")
                let classes = (0..<classCount).map { index in
                    SchoolClass(id: .random(using: environment.random), schoolID: school.id, grade: 1 + index % 11,
                                letter: letters[index / 11 % letters.count], schoolYearStart: 2026, createdAt: now)
                }
                for schoolClass in classes { try tx.classes.insert(schoolClass) }
                return (school, classes)
            }
            try await body(TokenWorld(server: server, school: school, classes: classes))
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    /// The issuer of this server (its resolved issuer, policy and keyring).
    var issuer: TokenIssuer {
        TokenIssuer(issuer: server.application.issuer, policy: environment.policies.tokens,
                    keys: server.application.keyring.snapshot, random: environment.random)
    }

    /// Stores a new active account of `category`.
    func account(_ category: Account.Category) async throws -> Account {
        let environment = environment, now = now
        let account = Account(id: .random(using: environment.random), category: category, login: nil,
                              profile: environment.random.bytes(count: 32), createdAt: now)
        try await environment.storage.write { tx in try tx.accounts.insert(account) }
        return account
    }

    /// Links `guardian` to `student` (active, by credentials); the link id.
    func link(_ guardian: Account, to student: Account) async throws -> GuardianLink.ID {
        let environment = environment, now = now
        let link = GuardianLink(id: .random(using: environment.random), guardianID: guardian.id, studentID: student.id,
                                relation: .mother, origin: .credentials, state: .active, createdAt: now, confirmedAt: now)
        try await environment.storage.write { tx in try tx.guardianLinks.insert(link) }
        return link.id
    }

    /// An accepted, active grant of `services` for `student` by `guardian` to `invitee`; its id.
    func grant(_ services: Set<Service>, for student: Account, by guardian: Account, to invitee: Account) async throws
        -> TrustedInvitation.ID
    {
        try await Self.storeGrant(services, for: student.id, by: guardian.id, to: invitee.id, school: school.id,
                                  in: environment, at: now)
    }

    /// Stores an accepted grant, active since an hour before `now`, for a day; its id.
    static func storeGrant(_ services: Set<Service>, for student: Account.ID, by guardian: Account.ID,
                           to invitee: Account.ID, school: School.ID, in environment: ServiceEnvironment,
                           at now: UnixTime) async throws -> TrustedInvitation.ID
    {
        let invitation = TrustedInvitation(
            id: .random(using: environment.random), studentID: student, guardianID: guardian, schoolID: school,
            services: services, identifierKind: .phone, invitee: environment.random.bytes(count: 48),
            matchIndex: environment.random.bytes(count: 32), codeHMAC: nil, codeKeyVersion: nil,
            requiresApproval: false, state: .accepted, createdAt: now.adding(seconds: -7_200),
            lapsesAt: now.adding(seconds: 80_000), endsBy: nil, inviteeID: invitee,
            acceptedAt: now.adding(seconds: -7_000), activeFrom: now.adding(seconds: -3_600),
            expiresAt: now.adding(seconds: 86_400))
        try await environment.storage.write { tx in try tx.trustedInvitations.insert(invitation, approvers: []) }
        return invitation.id
    }

    /// Gives `account` a staff role (in this school unless platform admin) and classes to teach.
    func staff(_ account: Account, role: Role, teaching: [SchoolClass] = []) async throws {
        let environment = environment, now = now, school = school
        try await environment.storage.write { tx in
            try tx.accounts.insert(StaffMembership(accountID: account.id, role: role,
                                                   schoolID: role == .platformAdmin ? nil : school.id, createdAt: now))
            for schoolClass in teaching { try tx.classes.assign(teacher: account.id, to: schoolClass.id) }
        }
    }

    /// A logged-in session of `account`, proven with a password and TOTP.
    func session(of account: Account) async throws -> Session {
        let environment = environment, now = now
        let session = Session(tokenHash: environment.random.bytes(count: 32), accountID: account.id, purpose: .session,
                              createdAt: now.adding(seconds: -30), idleExpiresAt: now.adding(seconds: 900),
                              absoluteExpiresAt: now.adding(seconds: 3_600), authenticatedAt: now.adding(seconds: -30),
                              amr: ["pwd", "otp"], secondFactorAt: now.adding(seconds: -20))
        try await environment.storage.write { tx in try tx.sessions.insert(session) }
        return session
    }

    /// An access token for `account` at client `diary-one`, issued in a read transaction.
    func accessToken(for account: Account, session: Session?, algorithm: JWSAlgorithm = .ES256) async throws
        -> IssuedToken
    {
        let issuer = issuer, now = now
        return try await environment.storage.read { tx in
            let actor = try Actor.load(account.id, session: session, at: now, in: tx)
            return try issuer.accessToken(for: actor, clientID: "diary-one", audience: "diary-one-api",
                                          scopes: ["openid", "diary", "openid"], algorithm: algorithm,
                                          session: session, at: now, in: tx)
        }
    }

    /// The published token keys, fetched from the server's JWKS endpoint.
    func publishedKeys() async throws -> KeySet {
        let response = try await APIClient(server).get("/.well-known/jwks.json")
        try #require(response.status == 200)
        return try KeySet(jwks: try JSONDecoder().decode(JWKS.self, from: Data(response.body)))
    }

    /// Verifies `token` with the published JWKS as an RFC 9068 access token (or an ID
    /// token when `type` is `JWT` and `audience` the client id) and returns its claims.
    func verify(_ token: IssuedToken, type: String = "at+jwt", audience: String = "diary-one-api") async throws
        -> VerifiedJWT
    {
        try JWT.verify(token.compact, keys: try await publishedKeys(), expectedType: type, now: now, leeway: 0,
                       issuer: server.application.issuer, audience: audience)
    }
}

extension JWTClaims {
    /// The students claim, decoded (`nil` when absent).
    var students: [StudentClaim]? { get throws { try claim("students", as: [StudentClaim].self) } }
    /// The staff claim, decoded (`nil` when absent).
    var staff: [StaffClaim]? { get throws { try claim("staff", as: [StaffClaim].self) } }
}
