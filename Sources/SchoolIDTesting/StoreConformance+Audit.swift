import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    static let auditCases: [Case] = [
        Case("appended audit events get increasing sequences and round-trip every field") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let full = AuditEvent(at: StoreSamples.t0, action: .temporaryPasswordReissued, actorID: directory.teacher.id,
                                  targetID: directory.student.id, schoolID: directory.school.id, clientAddress: "192.0.2.7",
                                  requestID: "req-1", detail: "allowed: teacher of class")
            let bare = AuditEvent(at: StoreSamples.t0.adding(seconds: 1), action: .loginFailed, clientAddress: "cli",
                                  requestID: "req-2")
            let sequences = try await storage.write { tx in [try tx.audit.append(full), try tx.audit.append(bare)] }
            #expect(sequences[0] > 0 && sequences[1] > sequences[0])
            var expected = [bare, full]
            expected[0].sequence = sequences[1]
            expected[1].sequence = sequences[0]
            #expect(try await storage.read { tx in try tx.audit.events(AuditQuery()) } == expected)
        },
        Case("audit queries filter by account as actor or target, school, since and before, newest first, limited") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let (teacher, student, school) = (directory.teacher.id, directory.student.id, directory.school.id)
            let stranger = samples.account().id
            let t0 = StoreSamples.t0
            let events = [
                AuditEvent(at: t0, action: .loginSucceeded, actorID: teacher, clientAddress: "a", requestID: "1"),
                AuditEvent(at: t0.adding(seconds: 10), action: .temporaryPasswordIssued, actorID: teacher, targetID: student,
                           schoolID: school, clientAddress: "a", requestID: "2"),
                AuditEvent(at: t0.adding(seconds: 20), action: .loginFailed, targetID: student, clientAddress: "b", requestID: "3"),
                AuditEvent(at: t0.adding(seconds: 30), action: .permissionDenied, actorID: stranger, schoolID: school,
                           clientAddress: "c", requestID: "4"),
            ]
            let sequences = try await storage.write { tx in try events.map { try tx.audit.append($0) } }
            func ids(_ query: AuditQuery) async throws -> [String] {
                try await storage.read { tx in try tx.audit.events(query).map(\.requestID) }
            }
            #expect(try await ids(AuditQuery()) == ["4", "3", "2", "1"])
            #expect(try await ids(AuditQuery(accountID: teacher)) == ["2", "1"])
            #expect(try await ids(AuditQuery(accountID: student)) == ["3", "2"])
            #expect(try await ids(AuditQuery(schoolID: school)) == ["4", "2"])
            #expect(try await ids(AuditQuery(since: t0.adding(seconds: 20))) == ["4", "3"])
            #expect(try await ids(AuditQuery(before: sequences[2])) == ["2", "1"])
            #expect(try await ids(AuditQuery(limit: 3)) == ["4", "3", "2"])
            #expect(try await ids(AuditQuery(limit: 0)) == [])
            #expect(try await ids(AuditQuery(accountID: student, schoolID: school, since: t0.adding(seconds: 10),
                                             before: sequences[3], limit: 10)) == ["2"])
            var range = AuditQuery(since: t0.adding(seconds: 10))
            range.until = t0.adding(seconds: 30)
            #expect(try await ids(range) == ["3", "2"])
            var failures = AuditQuery()
            failures.actions = [.loginFailed, .permissionDenied]
            #expect(try await ids(failures) == ["4", "3"])
            failures.actions = []
            #expect(try await ids(failures) == [])
        },
        Case("an audit purge destroys the oldest events recorded before the cutoff, at most its limit") { storage in
            let t0 = StoreSamples.t0
            let times = [0, 10, 20, 30].map { t0.adding(seconds: $0) }
            try await storage.write { tx in
                for (index, at) in times.enumerated() {
                    try tx.audit.append(AuditEvent(at: at, action: .loginFailed, clientAddress: "a", requestID: "\(index)"))
                }
            }
            let remaining = { try await storage.read { tx in try tx.audit.events(AuditQuery()).map(\.requestID) } }
            #expect(try await storage.write { tx in try tx.audit.purge(before: t0, limit: 10) } == 0)
            #expect(try await storage.write { tx in try tx.audit.purge(before: t0.adding(seconds: 25), limit: 2) } == 2)
            #expect(try await remaining() == ["3", "2"])
            #expect(try await storage.write { tx in try tx.audit.purge(before: t0.adding(seconds: 25), limit: 2) } == 1)
            #expect(try await remaining() == ["3"])
        },
        Case("an audit query returns at most 1000 events whatever its limit") { storage in
            try await storage.write { tx in
                for index in 0..<1005 {
                    try tx.audit.append(AuditEvent(at: StoreSamples.t0.adding(seconds: Int64(index)), action: .loginFailed,
                                                   clientAddress: "a", requestID: "\(index)"))
                }
            }
            let events = try await storage.read { tx in try tx.audit.events(AuditQuery(limit: 5000)) }
            #expect(events.count == 1000)
            #expect(events.first?.requestID == "1004")
        },
    ]

    static let unitCases: [Case] = [
        Case("a unit that throws leaves nothing behind in any store") { storage in
            let samples = StoreSamples()
            let school = samples.school()
            let schoolClass = samples.schoolClass(of: school)
            let teacher = samples.account(login: "teacher.one", category: .adult)
            let session = samples.session(of: teacher)
            let batch = samples.batch(of: schoolClass, by: teacher)
            let key = samples.bytes()
            await #expect(throws: RolledBack()) {
                try await storage.write { tx in
                    try tx.schools.insert(school)
                    try tx.classes.insert(schoolClass)
                    try tx.accounts.insert(teacher)
                    try tx.accounts.insert(StaffMembership(accountID: teacher.id, role: .teacher, schoolID: school.id,
                                                           createdAt: StoreSamples.t0))
                    try tx.classes.assign(teacher: teacher.id, to: schoolClass.id)
                    try tx.credentials.setPassword(PasswordCredential(accountID: teacher.id, hash: "$h", kind: .permanent,
                                                                      issuedAt: StoreSamples.t0))
                    try tx.credentials.recordFailure(key, at: StoreSamples.t0)
                    try tx.sessions.insert(session)
                    try tx.audit.append(AuditEvent(at: StoreSamples.t0, action: .schoolCreated, clientAddress: "cli", requestID: "r"))
                    try tx.batches.insert(batch)
                    throw RolledBack()
                }
            }
            let leftovers = try await storage.read { tx in
                [try tx.schools.schools().count, try tx.accounts.account(teacher.id) == nil ? 0 : 1,
                 try tx.accounts.isLoginTaken(teacher.login!) ? 1 : 0, try tx.accounts.memberships(of: teacher.id).count,
                 try tx.classes.schoolClass(schoolClass.id) == nil ? 0 : 1, try tx.classes.classes(taughtBy: teacher.id).count,
                 try tx.credentials.password(of: teacher.id) == nil ? 0 : 1, try tx.credentials.failureCounter(key) == nil ? 0 : 1,
                 try tx.sessions.session(tokenHash: session.tokenHash) == nil ? 0 : 1,
                 try tx.audit.events(AuditQuery()).count, try tx.batches.batch(batch.id) == nil ? 0 : 1]
            }
            #expect(leftovers == Array(repeating: 0, count: 11))
        },
    ]
}
