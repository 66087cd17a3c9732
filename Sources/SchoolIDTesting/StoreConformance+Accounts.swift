import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    static let accountCases: [Case] = [
        Case("an account round-trips every field, by id and by login") { storage in
            let samples = StoreSamples()
            let account = with(samples.account(login: "s57-7201")) {
                $0.status = .disabled
                $0.consecutiveFailures = 7
                $0.lockedAt = StoreSamples.t0.adding(seconds: 60)
                $0.hasSecondFactor = true
                $0.locale = .english
                $0.updatedAt = StoreSamples.t0.adding(seconds: 61)
            }
            let loginless = samples.account(login: nil, category: .adult)
            try await storage.write { tx in
                try tx.accounts.insert(account)
                try tx.accounts.insert(loginless)
            }
            let (byID, byLogin, plain, taken, free) = try await storage.read { tx in
                (try tx.accounts.account(account.id), try tx.accounts.account(login: account.login!),
                 try tx.accounts.account(loginless.id), try tx.accounts.isLoginTaken(account.login!),
                 try tx.accounts.isLoginTaken(Login(rawValue: "s57-7202")!))
            }
            #expect(byID == account)
            #expect(byLogin == account)
            #expect(plain == loginless)
            #expect(taken)
            #expect(!free)
        },
        Case("a duplicate login or id is alreadyExists, and a failed insert reserves nothing") { storage in
            let samples = StoreSamples()
            let account = samples.account(login: "s57-7201")
            try await storage.write { tx in try tx.accounts.insert(account) }
            let sameLogin = samples.account(login: "s57-7201")
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.accounts.insert(sameLogin) } }
            let sameID = with(samples.account(login: "s57-7299")) {
                $0.id = account.id
            }
            // Caught inside the unit, which then commits: the login must not stay reserved.
            let (error, taken) = try await storage.write { tx in
                (storeError { try tx.accounts.insert(sameID) }, try tx.accounts.isLoginTaken(sameID.login!))
            }
            #expect(error == .alreadyExists)
            #expect(!taken)
        },
        Case("update changes an account in place; a throwing change writes nothing; unknown is notFound") { storage in
            let samples = StoreSamples()
            let account = samples.account(login: "s57-7201")
            try await storage.write { tx in try tx.accounts.insert(account) }
            let returned = try await storage.write { tx in
                try tx.accounts.update(account.id) { account in
                    account.consecutiveFailures += 1
                    account.status = .disabled
                    account.updatedAt = StoreSamples.t0.adding(seconds: 5)
                }
            }
            #expect(returned.consecutiveFailures == 1 && returned.status == .disabled)
            #expect(try await storage.read { tx in try tx.accounts.account(account.id) } == returned)
            await #expect(throws: RolledBack()) {
                try await storage.write { tx in
                    try tx.accounts.update(account.id) { account in
                        account.hasSecondFactor = true
                        throw RolledBack()
                    }
                }
            }
            #expect(try await storage.read { tx in try tx.accounts.account(account.id) } == returned)
            let unknown = samples.account().id
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.accounts.update(unknown) { _ in } }
            }
        },
        Case("a changed login is reserved for good and a taken one is alreadyExists") { storage in
            let samples = StoreSamples()
            let first = samples.account(login: "s57-7201")
            let second = samples.account(login: "s57-7202")
            try await storage.write { tx in
                try tx.accounts.insert(first)
                try tx.accounts.insert(second)
                try tx.accounts.update(first.id) { $0.login = Login(rawValue: "s57-7203")! }
            }
            let (oldTaken, oldAccount) = try await storage.read { tx in
                (try tx.accounts.isLoginTaken(first.login!), try tx.accounts.account(login: first.login!))
            }
            #expect(oldTaken)
            #expect(oldAccount == nil)
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.accounts.update(second.id) { $0.login = first.login } }
            }
            let reuse = samples.account(login: "s57-7201")
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.accounts.insert(reuse) } }
        },
    ]

    static let membershipCases: [Case] = [
        Case("staff memberships round-trip; one active membership per role and school") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let teacher = directory.teacher.id
            let ended = StaffMembership(accountID: teacher, role: .schoolAdmin, schoolID: directory.school.id,
                                        createdAt: StoreSamples.t0, endedAt: StoreSamples.t0.adding(seconds: 10))
            let active = [
                StaffMembership(accountID: teacher, role: .teacher, schoolID: directory.school.id, createdAt: StoreSamples.t0.adding(seconds: 1)),
                StaffMembership(accountID: teacher, role: .schoolAdmin, schoolID: directory.school.id, createdAt: StoreSamples.t0.adding(seconds: 11)),
                StaffMembership(accountID: teacher, role: .platformAdmin, schoolID: nil, createdAt: StoreSamples.t0.adding(seconds: 12)),
            ]
            try await storage.write { tx in
                try tx.accounts.insert(ended)
                for membership in active { try tx.accounts.insert(membership) }
            }
            let (all, staff, admins) = try await storage.read { tx in
                (try tx.accounts.memberships(of: teacher), try tx.accounts.staff(of: directory.school.id),
                 try tx.accounts.platformAdmins())
            }
            #expect(all == [ended] + active)
            #expect(staff == Array(active.prefix(2)))
            #expect(admins == [active[2]])
            for duplicate in active {
                await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.accounts.insert(duplicate) } }
            }
            let stranger = StaffMembership(accountID: samples.account().id, role: .teacher, schoolID: directory.school.id,
                                           createdAt: StoreSamples.t0)
            await #expect(throws: StoreError.notFound) { try await storage.write { tx in try tx.accounts.insert(stranger) } }
        },
        Case("enrolments round-trip; one active enrolment per school; ending frees the place") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let otherClass = samples.schoolClass(of: directory.school, grade: 8)
            let first = Enrolment(id: .random(using: SeededRandomSource(seed: 1)), studentID: directory.student.id,
                                  classID: directory.schoolClass.id, schoolID: directory.school.id, startedAt: StoreSamples.t0)
            let second = with(first) {
                $0.id = .random(using: SeededRandomSource(seed: 2))
                $0.classID = otherClass.id
                $0.startedAt = StoreSamples.t0.adding(seconds: 100)
            }
            try await storage.write { tx in
                try tx.classes.insert(otherClass)
                try tx.accounts.insert(first)
            }
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.accounts.insert(second) } }
            let endedAt = StoreSamples.t0.adding(seconds: 50)
            try await storage.write { tx in
                try tx.accounts.endEnrolment(first.id, at: endedAt)
                try tx.accounts.insert(second)
            }
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.accounts.endEnrolment(first.id, at: endedAt) }
            }
            let endedFirst = with(first) {
                $0.endedAt = endedAt
            }
            let (one, history, inFirst, inSecond) = try await storage.read { tx in
                (try tx.accounts.enrolment(first.id), try tx.accounts.enrolments(of: directory.student.id),
                 try tx.accounts.enrolments(in: first.classID), try tx.accounts.enrolments(in: second.classID))
            }
            #expect(one == endedFirst)
            #expect(history == [endedFirst, second])
            #expect(inFirst.isEmpty)
            #expect(inSecond == [second])
        },
        Case("an enrolment in an unknown class, or a class of another school, is notFound") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let otherSchool = samples.school(code: "s58")
            try await storage.write { tx in try tx.schools.insert(otherSchool) }
            let unknownClass = Enrolment(id: .random(using: SeededRandomSource(seed: 3)), studentID: directory.student.id,
                                         classID: samples.schoolClass(of: directory.school).id,
                                         schoolID: directory.school.id, startedAt: StoreSamples.t0)
            let wrongSchool = with(unknownClass) {
                $0.classID = directory.schoolClass.id
                $0.schoolID = otherSchool.id
            }
            for enrolment in [unknownClass, wrongSchool] {
                await #expect(throws: StoreError.notFound) { try await storage.write { tx in try tx.accounts.insert(enrolment) } }
            }
        },
    ]
}
