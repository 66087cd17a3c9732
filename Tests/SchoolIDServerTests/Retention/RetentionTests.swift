import Foundation
import Testing
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
@testable import SchoolIDServer

/// Issue 8, retention: each class is destroyed at its `retention.json` age and not
/// before, and each pass that destroys rows writes one `data_destroyed` event.
@Suite struct RetentionTests {
    /// A row of one retention class whose purpose ends at the given time.
    enum Row: String, CaseIterable, Sendable {
        case session, challenge, recoveryFlow, lapsedInvitation, declinedInvitation, usedLinkCode, expiredLinkCode
        case authorizationCode, revokedRefreshToken, endedRefreshFamily

        /// The class name in `RetentionService.Rule.what`.
        var what: String {
            switch self {
            case .session: "sessions"
            case .challenge: "challenges"
            case .recoveryFlow: "recovery_flows"
            case .lapsedInvitation, .declinedInvitation: "trusted_invitations"
            case .usedLinkCode, .expiredLinkCode: "link_codes"
            case .authorizationCode: "oauth_codes"
            case .revokedRefreshToken, .endedRefreshFamily: "refresh_tokens"
            }
        }

        /// Inserts the row; its purpose ends at `end`.
        func insert(into tx: any WriteTransaction, student: Account.ID, school: School.ID, now: UnixTime, end: UnixTime,
                    random: any RandomSource) throws
        {
            let later = end.adding(seconds: 365 * 86_400)
            switch self {
            case .session:
                try tx.sessions.insert(Session(tokenHash: random.bytes(count: 32), accountID: student, purpose: .session,
                                               createdAt: now, idleExpiresAt: end, absoluteExpiresAt: end))
            case .challenge:
                try tx.challenges.insert(Self.challenge(now: now, end: end, random: random))
            case .recoveryFlow:
                let challenge = Self.challenge(now: now, end: later, random: random)
                try tx.challenges.insert(challenge)
                try tx.recoveryFlows.insert(RecoveryFlow(id: .random(using: random), accountID: student,
                                                         smsChallengeID: challenge.id, emailChallengeID: nil,
                                                         createdAt: now, expiresAt: end))
            case .lapsedInvitation, .declinedInvitation:
                let declined = self == .declinedInvitation
                // The student stands in for the inviting guardian: only the row's times matter here.
                try tx.trustedInvitations.insert(TrustedInvitation(
                    id: .random(using: random), studentID: student, guardianID: student, schoolID: school,
                    services: [.diary], identifierKind: .phone, invitee: random.bytes(count: 48),
                    matchIndex: random.bytes(count: 32), codeHMAC: nil, codeKeyVersion: nil, requiresApproval: false,
                    state: declined ? .declined : .invited, createdAt: now, lapsesAt: declined ? later : end,
                    endsBy: nil, endedAt: declined ? end : nil), approvers: [])
            case .usedLinkCode, .expiredLinkCode:
                let used = self == .usedLinkCode
                try tx.guardianLinks.insertCode(LinkCode(id: .random(using: random), studentID: student,
                                                         codeHMAC: random.bytes(count: 32), codeKeyVersion: 1,
                                                         issuedBy: nil, createdAt: now, expiresAt: used ? later : end,
                                                         usedAt: used ? end : nil))
            case .authorizationCode:
                try tx.authorizationCodes.insert(AuthorizationCode(
                    codeHash: random.bytes(count: 32), clientID: "diary", accountID: student,
                    sessionTokenHash: random.bytes(count: 32), redirectURI: "https://diary.example/cb",
                    codeChallenge: random.token(), scope: "openid", nonce: nil, createdAt: now, expiresAt: end,
                    consumedAt: now, familyID: random.token(bytes: 16)))
            case .revokedRefreshToken, .endedRefreshFamily:
                let revoked = self == .revokedRefreshToken
                // A rotated tombstone whose family ends (absolute expiry) at `end`, or a revoked token.
                try tx.refreshTokens.insert(RefreshToken(
                    tokenHash: random.bytes(count: 32), familyID: random.token(bytes: 16), clientID: "diary",
                    accountID: student, sessionTokenHash: nil, scope: "openid", createdAt: now,
                    idleExpiresAt: revoked ? later : now.adding(seconds: 10), absoluteExpiresAt: revoked ? later : end,
                    rotatedAt: revoked ? nil : now, revokedAt: revoked ? end : nil))
            }
        }

        private static func challenge(now: UnixTime, end: UnixTime, random: any RandomSource) -> Challenge {
            Challenge(id: .random(using: random), purpose: .registration, channel: .sms, accountID: nil,
                      destinationIndex: random.bytes(count: 32), codeHash: random.bytes(count: 32), codeKeyVersion: 1,
                      createdAt: now, expiresAt: end, attemptsLeft: 3)
        }
    }

    @Test("a row is kept one second before its retention age and destroyed one second after, with one audit event",
          arguments: Row.allCases)
    func purgedAtItsAge(row: Row) async throws {
        let server = try await TestServer()
        let environment = server.application.environment
        let guardians = GuardianFixture(server: server)
        let schoolClass = try await guardians.schoolClass()
        let student = try await guardians.student(login: "g57-7301", in: schoolClass)
        let now = server.clock.now()
        let end = now.adding(seconds: 100)
        let random = environment.random
        try await environment.storage.write { tx in
            try row.insert(into: tx, student: student.id, school: schoolClass.schoolID, now: now, end: end, random: random)
        }
        let rule = try #require(RetentionService.rules(environment.policies.retention).first { $0.what == row.what })
        let service = RetentionService(environment: environment)

        server.clock.advance(seconds: 100 + rule.ageSeconds - 1)
        let early = try await service.purge()
        #expect(!early.contains { $0.what == row.what })

        server.clock.advance(seconds: 2)
        let late = try await service.purge()
        #expect(late.first { $0.what == row.what } == RetentionService.Destroyed(what: row.what, count: 1))
        let details = try await environment.storage.read { tx in
            try tx.audit.events(AuditQuery(limit: 1000)).filter { $0.action == .dataDestroyed }.map(\.detail)
        }
        #expect(details.filter { $0.hasPrefix("what=\(row.what) ") }
            == ["what=\(row.what) why=\(rule.why) age_seconds=\(rule.ageSeconds) count=1"])
        try await server.stop()
    }

    @Test("an audit event is destroyed audit_events_years after it was recorded and not a second before")
    func auditEventsPurgedAtTheirAge() async throws {
        let server = try await TestServer()
        let environment = server.application.environment
        let service = RetentionService(environment: environment)
        let age = Int64(environment.policies.retention.auditEventsYears) * RetentionService.secondsPerYear
        let recorded = server.clock.now()
        let append = { (requestID: String) in
            let at = server.clock.now()
            _ = try await environment.storage.write { tx in
                try tx.audit.append(AuditEvent(at: at, action: .loginFailed, clientAddress: "a", requestID: requestID))
            }
        }
        try await append("old")
        let older = try await environment.storage.read { tx in try tx.audit.events(AuditQuery(limit: 1000)).count }
        server.clock.advance(seconds: 100)
        try await append("young")
        let requestIDs = { try await environment.storage.read { tx in try tx.audit.events(AuditQuery(limit: 1000)).map(\.requestID) } }

        server.clock.set(recorded.adding(seconds: age))
        #expect(try await service.purge().first { $0.what == "audit_events" } == nil)
        server.clock.advance(seconds: 1)
        #expect(try await service.purge().first { $0.what == "audit_events" }
            == RetentionService.Destroyed(what: "audit_events", count: older))
        let kept = try await requestIDs()
        #expect(kept.contains("young") && !kept.contains("old"))

        server.clock.set(recorded.adding(seconds: 100 + age))
        #expect(try await service.purge().first { $0.what == "audit_events" } == nil)
        server.clock.advance(seconds: 1)
        #expect(try await service.purge().first { $0.what == "audit_events" }
            == RetentionService.Destroyed(what: "audit_events", count: 1))
        let left = try await environment.storage.read { tx in try tx.audit.events(AuditQuery(limit: 1000)) }
        #expect(!left.contains { $0.requestID == "young" })
        #expect(left.filter { $0.detail.hasPrefix("what=audit_events ") }.map(\.detail) == [
            "what=audit_events why=retention.audit_events_years age_seconds=\(age) count=1",
            "what=audit_events why=retention.audit_events_years age_seconds=\(age) count=\(older)",
        ])
        try await server.stop()
    }

    @Test("access-log day files are written per UTC day and destroyed access_logs_days after their day ended")
    func accessLogDaysPurgedAtTheirAge() async throws {
        let server = try await TestServer { $0.accessLogDirectory = $0.data + "/access" }
        let environment = server.application.environment
        let directory = server.directory.file("data/access")
        let first = server.clock.now()
        let firstFile = AccessLogDirectory.fileName(for: first)
        _ = try await APIClient(server).get("/healthz")
        let line = try String(contentsOfFile: directory + "/" + firstFile, encoding: .utf8)
        #expect(line.contains("\"route\":\"/healthz\"") && line.contains("\"client\":\"127.0.0.1\""))
        #expect(!server.logs.lines.contains { $0.contains("\"route\":\"/healthz\"") })
        let dayEnd = try #require(AccessLogDirectory.dayStart(of: firstFile)).adding(seconds: 86_400)
        server.clock.set(dayEnd)
        _ = try await APIClient(server).get("/healthz")
        let files = { Set(try FileManager.default.contentsOfDirectory(atPath: directory)) }
        #expect(try files() == [firstFile, AccessLogDirectory.fileName(for: dayEnd)])

        let age = Int64(environment.policies.retention.accessLogsDays) * 86_400
        server.clock.set(dayEnd.adding(seconds: age - 1))
        await server.application.collectGarbageOnce()
        #expect(try files().contains(firstFile))
        server.clock.set(dayEnd.adding(seconds: age))
        await server.application.collectGarbageOnce()
        #expect(try files() == [AccessLogDirectory.fileName(for: dayEnd)])
        let details = try await environment.storage.read { tx in
            try tx.audit.events(AuditQuery(limit: 1000)).filter { $0.action == .dataDestroyed }.map(\.detail)
        }
        #expect(details.contains(
            "what=access_logs why=retention.access_logs_days age_days=\(environment.policies.retention.accessLogsDays) count=1"))
        try await server.stop()
    }

    @Test("the server's garbage collection runs the retention pass")
    func garbageCollectionUsesThePolicy() async throws {
        let server = try await TestServer()
        let environment = server.application.environment
        let guardians = GuardianFixture(server: server)
        let schoolClass = try await guardians.schoolClass()
        let student = try await guardians.student(login: "g57-7301", in: schoolClass)
        let now = server.clock.now()
        let random = environment.random
        let hash = random.bytes(count: 32)
        try await environment.storage.write { tx in
            try tx.sessions.insert(Session(tokenHash: hash, accountID: student.id, purpose: .session, createdAt: now,
                                           idleExpiresAt: now, absoluteExpiresAt: now))
        }
        server.clock.advance(seconds: environment.policies.retention.sessionsSeconds + 1)
        await server.application.collectGarbageOnce()
        #expect(try await environment.storage.read { tx in try tx.sessions.session(tokenHash: hash) } == nil)
        try await server.stop()
    }
}
