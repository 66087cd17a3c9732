import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    static let sessionCases: [Case] = [
        Case("a session round-trips every field; a duplicate hash is alreadyExists, an unknown account notFound") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let session = with(samples.session(of: directory.student, purpose: .passwordChange)) {
                $0.lastSeenAt = StoreSamples.t0.adding(seconds: 5)
                $0.authenticatedAt = StoreSamples.t0.adding(seconds: 2)
                $0.revokedAt = StoreSamples.t0.adding(seconds: 6)
            }
            try await storage.write { tx in try tx.sessions.insert(session) }
            let (stored, missing) = try await storage.read { tx in
                (try tx.sessions.session(tokenHash: session.tokenHash), try tx.sessions.session(tokenHash: samples.bytes()))
            }
            #expect(stored == session)
            #expect(missing == nil)
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.sessions.insert(session) } }
            let stranger = samples.session(of: samples.account())
            await #expect(throws: StoreError.notFound) { try await storage.write { tx in try tx.sessions.insert(stranger) } }
        },
        Case("a session's strength round-trips; recordSecondFactor raises it only for a usable logged-in session") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let t0 = StoreSamples.t0
            let strong = with(samples.session(of: directory.teacher)) {
                $0.amr = ["pwd", "sms"]
                $0.secondFactorAt = t0.adding(seconds: 3)
            }
            let plain = samples.session(of: directory.teacher)
            let ticket = samples.session(of: directory.teacher, purpose: .secondFactor)
            let idle = samples.session(of: directory.teacher, idle: 50)
            try await storage.write { tx in for session in [strong, plain, ticket, idle] { try tx.sessions.insert(session) } }
            let stored = try await storage.read { tx in
                try [strong, plain].map { try tx.sessions.session(tokenHash: $0.tokenHash) }
            }
            #expect(stored == [strong, plain])
            #expect(plain.amr == ["pwd"] && plain.acr == Session.singleFactorACR && plain.secondFactorAt == nil)
            let at = t0.adding(seconds: 60)
            let recorded = try await storage.write { tx in
                [try tx.sessions.recordSecondFactor(tokenHash: plain.tokenHash, method: .otp, at: at),
                 try tx.sessions.recordSecondFactor(tokenHash: strong.tokenHash, method: .sms, at: at),
                 try tx.sessions.recordSecondFactor(tokenHash: ticket.tokenHash, method: .otp, at: at),
                 try tx.sessions.recordSecondFactor(tokenHash: idle.tokenHash, method: .otp, at: at),
                 try tx.sessions.recordSecondFactor(tokenHash: samples.bytes(), method: .otp, at: at)]
            }
            #expect(recorded == [true, true, false, false, false])
            let after = try await storage.read { tx in
                try [plain, strong, ticket, idle].map { try tx.sessions.session(tokenHash: $0.tokenHash) }
            }
            #expect(after[0] == with(plain) { $0.amr = ["pwd", "otp"]; $0.secondFactorAt = at })
            #expect(after[1] == with(strong) { $0.secondFactorAt = at })  // sms recorded once
            #expect(after[2] == ticket && after[3] == idle)
        },
        Case("a session is usable one second before its idle and absolute expiry and not at it") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            // Idle expiry at t0+900 (absolute t0+3600); absolute expiry at t0+600 (idle t0+900).
            let cases: [(session: Session, expiry: UnixTime)] = [
                (samples.session(of: directory.student, idle: 900, absolute: 3600), StoreSamples.t0.adding(seconds: 900)),
                (samples.session(of: directory.student, idle: 900, absolute: 600), StoreSamples.t0.adding(seconds: 600)),
            ]
            for (session, expiry) in cases {
                #expect(session.isUsable(at: expiry.adding(seconds: -1)) && !session.isUsable(at: expiry))
                try await storage.write { tx in try tx.sessions.insert(session) }
                let hash = session.tokenHash
                let outcomes = try await storage.write { tx in
                    (try tx.sessions.touch(tokenHash: hash, at: expiry, idleExpiresAt: expiry.adding(seconds: 900)),
                     try tx.sessions.revoke(tokenHash: hash, at: expiry),
                     try tx.sessions.revoke(tokenHash: hash, at: expiry.adding(seconds: 1)),
                     try tx.sessions.revoke(tokenHash: hash, at: expiry.adding(seconds: -1)))
                }
                #expect(outcomes.0 == false)
                #expect(outcomes.1 == nil && outcomes.2 == nil)
                #expect(outcomes.3 == session)
            }
        },
        Case("touch moves the idle expiry, never past the absolute expiry, and only for a usable session") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let session = samples.session(of: directory.student, idle: 900, absolute: 3600)
            try await storage.write { tx in try tx.sessions.insert(session) }
            let hash = session.tokenHash
            let t0 = StoreSamples.t0
            let touched = try await storage.write { tx in
                [try tx.sessions.touch(tokenHash: hash, at: t0.adding(seconds: 899), idleExpiresAt: t0.adding(seconds: 1799)),
                 try tx.sessions.touch(tokenHash: hash, at: t0.adding(seconds: 1798), idleExpiresAt: t0.adding(seconds: 9000)),
                 try tx.sessions.touch(tokenHash: hash, at: t0.adding(seconds: 3600), idleExpiresAt: t0.adding(seconds: 9000)),
                 try tx.sessions.touch(tokenHash: samples.bytes(), at: t0, idleExpiresAt: t0.adding(seconds: 900))]
            }
            #expect(touched == [true, true, false, false])
            let stored = try await storage.read { tx in try tx.sessions.session(tokenHash: hash) }
            #expect(stored?.lastSeenAt == t0.adding(seconds: 1798))
            #expect(stored?.idleExpiresAt == t0.adding(seconds: 3600))
        },
        Case("a session revoked from 20 concurrent units is returned to exactly one of them") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let session = samples.session(of: directory.student, purpose: .passwordChange)
            try await storage.write { tx in try tx.sessions.insert(session) }
            let at = StoreSamples.t0.adding(seconds: 1)
            let results = try await race(storage) { tx in try tx.sessions.revoke(tokenHash: session.tokenHash, at: at) }
            #expect(results.compactMap { $0 } == [session])
            #expect(try await storage.read { tx in try tx.sessions.session(tokenHash: session.tokenHash)?.revokedAt } == at)
        },
        Case("revokeAll revokes an account's usable sessions except the kept one") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let kept = samples.session(of: directory.student)
            let others = [samples.session(of: directory.student), samples.session(of: directory.student, purpose: .passwordChange)]
            let expired = samples.session(of: directory.student, idle: 5)
            let teachers = samples.session(of: directory.teacher)
            try await storage.write { tx in
                for session in [kept, expired, teachers] + others { try tx.sessions.insert(session) }
            }
            let at = StoreSamples.t0.adding(seconds: 10)
            let count = try await storage.write { tx in
                try tx.sessions.revokeAll(of: directory.student.id, except: kept.tokenHash, at: at)
            }
            #expect(count == 2)
            let revoked = try await storage.read { tx in
                try ([kept, expired, teachers] + others).map { try tx.sessions.session(tokenHash: $0.tokenHash)?.revokedAt }
            }
            #expect(revoked == [nil, nil, nil, at, at])
            let rest = try await storage.write { tx in try tx.sessions.revokeAll(of: directory.student.id, except: nil, at: at) }
            #expect(rest == 1)
        },
        Case("deleteExpired removes sessions idle, over or revoked before the cutoff, and keeps the rest") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let idle = samples.session(of: directory.student, idle: 100, absolute: 3600)
            let over = samples.session(of: directory.student, idle: 900, absolute: 100)
            let revoked = with(samples.session(of: directory.student)) {
                $0.revokedAt = StoreSamples.t0.adding(seconds: 100)
            }
            let live = samples.session(of: directory.student)
            try await storage.write { tx in
                for session in [idle, over, revoked, live] { try tx.sessions.insert(session) }
            }
            let cutoff = StoreSamples.t0.adding(seconds: 100)
            #expect(try await storage.write { tx in try tx.sessions.deleteExpired(before: cutoff) } == 0)
            #expect(try await storage.write { tx in try tx.sessions.deleteExpired(before: cutoff.adding(seconds: 1)) } == 3)
            let remaining = try await storage.read { tx in
                try [idle, over, revoked, live].map { try tx.sessions.session(tokenHash: $0.tokenHash) != nil }
            }
            #expect(remaining == [false, false, false, true])
        },
        Case("an account's sessions list only its usable logged-in sessions, newest first, without tickets") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let older = samples.session(of: directory.teacher)
            let newer = with(samples.session(of: directory.teacher)) { $0.createdAt = StoreSamples.t0.adding(seconds: 10) }
            let revoked = with(samples.session(of: directory.teacher)) { $0.revokedAt = StoreSamples.t0.adding(seconds: 1) }
            let idle = samples.session(of: directory.teacher, idle: 50)
            let ticket = samples.session(of: directory.teacher, purpose: .passwordChange)
            let other = samples.session(of: directory.student)
            try await storage.write { tx in
                for session in [older, newer, revoked, idle, ticket, other] { try tx.sessions.insert(session) }
            }
            let at = StoreSamples.t0.adding(seconds: 60)
            let (teacher, student) = try await storage.read { tx in
                (try tx.sessions.sessions(of: directory.teacher.id, usableAt: at),
                 try tx.sessions.sessions(of: directory.student.id, usableAt: at))
            }
            #expect(teacher == [newer, older])
            #expect(student == [other])
            #expect(older.handle.hasPrefix("ses_") && older.handle != newer.handle && older.handle.count == 26)
        },
    ]
}
