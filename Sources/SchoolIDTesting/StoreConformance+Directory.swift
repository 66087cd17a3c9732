import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    static let schoolCases: [Case] = [
        Case("a school round-trips every field, by id and by code, and schools are listed by code") { storage in
            let samples = StoreSamples()
            let second = samples.school(code: "msk1535", name: "Лицей № 1535")
            let first = with(samples.school(code: "s57")) {
                $0.timeZone = "Asia/Yekaterinburg"
            }
            try await storage.write { tx in
                try tx.schools.insert(first)
                try tx.schools.insert(second)
            }
            let (byID, byCode, all, missing) = try await storage.read { tx in
                (try tx.schools.school(first.id), try tx.schools.school(code: first.code), try tx.schools.schools(),
                 try tx.schools.school(code: SchoolCode(rawValue: "nope")!))
            }
            #expect(byID == first)
            #expect(byCode == first)
            #expect(all == [second, first])
            #expect(missing == nil)
        },
        Case("a duplicate school code or id is alreadyExists") { storage in
            let samples = StoreSamples()
            let school = samples.school(code: "s57")
            try await storage.write { tx in try tx.schools.insert(school) }
            let sameCode = with(samples.school(code: "s57")) {
                $0.name = "Другая школа"
            }
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.schools.insert(sameCode) } }
            let sameID = with(samples.school(code: "s58")) {
                $0.id = school.id
            }
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.schools.insert(sameID) } }
            #expect(try await storage.read { tx in try tx.schools.schools() } == [school])
        },
    ]

    static let classCases: [Case] = [
        Case("a class round-trips and classes are listed by year, grade and letter") { storage in
            let samples = StoreSamples()
            let school = samples.school()
            let classes = [
                samples.schoolClass(of: school, grade: 7, letter: "В", year: 2026),
                samples.schoolClass(of: school, grade: 11, letter: "А", year: 2025),
                samples.schoolClass(of: school, grade: 7, letter: "А", year: 2026),
                samples.schoolClass(of: school, grade: 10, letter: "Я", year: 2026),
            ]
            try await storage.write { tx in
                try tx.schools.insert(school)
                for schoolClass in classes { try tx.classes.insert(schoolClass) }
            }
            let (one, all, year2026) = try await storage.read { tx in
                (try tx.classes.schoolClass(classes[0].id), try tx.classes.classes(in: school.id, schoolYearStart: nil),
                 try tx.classes.classes(in: school.id, schoolYearStart: 2026))
            }
            #expect(one == classes[0])
            #expect(all.map(\.name) == ["11А", "7А", "7В", "10Я"])
            #expect(year2026 == [classes[2], classes[0], classes[3]])
        },
        Case("a duplicate grade and letter in one school year is alreadyExists; another year is not") { storage in
            let samples = StoreSamples()
            let school = samples.school()
            try await storage.write { tx in
                try tx.schools.insert(school)
                try tx.classes.insert(samples.schoolClass(of: school, grade: 7, letter: "Б", year: 2026))
                try tx.classes.insert(samples.schoolClass(of: school, grade: 7, letter: "Б", year: 2027))
            }
            let duplicate = samples.schoolClass(of: school, grade: 7, letter: "Б", year: 2026)
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.classes.insert(duplicate) } }
        },
        Case("a class of an unknown school is notFound") { storage in
            let samples = StoreSamples()
            let orphan = samples.schoolClass(of: samples.school())
            await #expect(throws: StoreError.notFound) { try await storage.write { tx in try tx.classes.insert(orphan) } }
        },
        Case("assigning a teacher is idempotent and readable both ways; unknown class or account is notFound") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let other = samples.schoolClass(of: directory.school, grade: 8)
            try await storage.write { tx in
                try tx.classes.insert(other)
                try tx.classes.assign(teacher: directory.teacher.id, to: directory.schoolClass.id)
                try tx.classes.assign(teacher: directory.teacher.id, to: directory.schoolClass.id)
                try tx.classes.assign(teacher: directory.teacher.id, to: other.id)
            }
            let (teachers, taught) = try await storage.read { tx in
                (try tx.classes.teachers(of: directory.schoolClass.id), try tx.classes.classes(taughtBy: directory.teacher.id))
            }
            #expect(teachers == [directory.teacher.id])
            #expect(Set(taught) == [directory.schoolClass.id, other.id])
            let unknownClass = samples.schoolClass(of: directory.school).id
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.classes.assign(teacher: directory.teacher.id, to: unknownClass) }
            }
            let unknownAccount = samples.account().id
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.classes.assign(teacher: unknownAccount, to: directory.schoolClass.id) }
            }
        },
        Case("sequences start at 1 and continue; a rolled-back reservation is handed out again") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let classID = directory.schoolClass.id
            #expect(try await storage.write { tx in try tx.classes.reserveSequences(in: classID, count: 3) } == 1...3)
            await #expect(throws: RolledBack()) {
                try await storage.write { tx in
                    _ = try tx.classes.reserveSequences(in: classID, count: 5)
                    throw RolledBack()
                }
            }
            #expect(try await storage.write { tx in try tx.classes.reserveSequences(in: classID, count: 1) } == 4...4)
            let unknown = samples.schoolClass(of: directory.school).id
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.classes.reserveSequences(in: unknown, count: 1) }
            }
        },
        Case("sequences reserved by concurrent units never overlap") { storage in
            let directory = try await StoreSamples().directory(in: storage)
            let classID = directory.schoolClass.id
            let ranges = try await race(storage) { tx in try tx.classes.reserveSequences(in: classID, count: 3) }
            let numbers = ranges.flatMap { Array($0) }.sorted()
            #expect(numbers == Array(1...60))
        },
    ]
}
