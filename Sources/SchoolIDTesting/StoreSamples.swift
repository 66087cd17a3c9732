import SchoolIDBase
import SchoolIDCore

/// Domain values for store tests, with identifiers from a seeded random source.
public struct StoreSamples: Sendable {
    /// The instant the samples are created at.
    public static let t0 = UnixTime(seconds: 1_780_000_000)

    private let random: SeededRandomSource

    /// Creates samples whose identifiers depend only on `seed`.
    public init(seed: UInt64 = 4) { random = SeededRandomSource(seed: seed) }

    /// A school with code `code`.
    public func school(code: String = "s57", name: String = "Школа № 57") -> School {
        School(id: .random(using: random), code: SchoolCode(rawValue: code)!, name: name, region: "Москва",
               timeZone: School.defaultTimeZone, createdAt: Self.t0)
    }

    /// A class of `school`.
    public func schoolClass(of school: School, grade: Int = 7, letter: Character = "Б", year: Int = 2026) -> SchoolClass {
        SchoolClass(id: .random(using: random), schoolID: school.id, grade: grade, letter: letter, schoolYearStart: year,
                    createdAt: Self.t0)
    }

    /// An account; `login` must be a valid normalised login.
    public func account(login: String? = nil, category: Account.Category = .student) -> Account {
        Account(id: .random(using: random), category: category, login: login.map { Login(rawValue: $0)! },
                profile: random.bytes(count: 48), createdAt: Self.t0)
    }

    /// A session of `account` created at ``t0``, idle after `idle` and over after `absolute` seconds.
    public func session(of account: Account, idle: Int64 = 900, absolute: Int64 = 3600,
                        purpose: Session.Purpose = .session) -> Session {
        Session(tokenHash: random.bytes(count: 32), accountID: account.id, purpose: purpose, createdAt: Self.t0,
                idleExpiresAt: Self.t0.adding(seconds: idle), absoluteExpiresAt: Self.t0.adding(seconds: absolute))
    }

    /// A queued batch for `schoolClass`.
    public func batch(of schoolClass: SchoolClass, by requester: Account, total: Int = 30) -> CredentialBatch {
        CredentialBatch(id: .random(using: random), schoolID: schoolClass.schoolID, classID: schoolClass.id,
                        requestedBy: requester.id, total: total, sealedRoster: random.bytes(count: 64), createdAt: Self.t0)
    }

    /// A batch of `schoolClass` finished at ``t0`` whose result is held until `purgeAt`.
    public func finishedBatch(of schoolClass: SchoolClass, by requester: Account,
                              purgeAt: UnixTime = t0.adding(seconds: 900)) -> CredentialBatch {
        var batch = batch(of: schoolClass, by: requester)
        batch.status = .finished
        batch.completed = batch.total
        batch.sealedResult = random.bytes(count: 80)
        batch.finishedAt = Self.t0
        batch.purgeAt = purgeAt
        return batch
    }

    /// Random bytes (hashes, keys).
    public func bytes(_ count: Int = 32) -> [UInt8] { random.bytes(count: count) }

    /// A school, one class of it, a teacher and a student, stored in one unit.
    /// - Throws: what the storage throws.
    public func directory(in storage: any Storage) async throws -> SampleDirectory {
        let school = school()
        let directory = SampleDirectory(
            school: school, schoolClass: schoolClass(of: school), teacher: account(login: "teacher.one", category: .adult),
            student: account(login: "s57-7201"))
        try await storage.write { tx in
            try tx.schools.insert(directory.school)
            try tx.classes.insert(directory.schoolClass)
            try tx.accounts.insert(directory.teacher)
            try tx.accounts.insert(directory.student)
        }
        return directory
    }
}

/// The values ``StoreSamples/directory(in:)`` stored.
public struct SampleDirectory: Sendable {
    /// The school (code `s57`).
    public var school: School
    /// Class 7Б of the school, 2026/27.
    public var schoolClass: SchoolClass
    /// An adult account with login `teacher.one` (no membership, no class).
    public var teacher: Account
    /// A student account with login `s57-7201` (no enrolment).
    public var student: Account
}
