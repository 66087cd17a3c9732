/// Reads classes and their teachers.
public protocol ClassReader {
    /// The class, or `nil`.
    /// - Throws: a backend error.
    func schoolClass(_ id: SchoolClass.ID) throws -> SchoolClass?
    /// The classes of a school (of one school year when given), by year, grade, letter.
    /// - Throws: a backend error.
    func classes(in schoolID: School.ID, schoolYearStart: Int?) throws -> [SchoolClass]
    /// The teachers assigned to a class.
    /// - Throws: a backend error.
    func teachers(of classID: SchoolClass.ID) throws -> [Account.ID]
    /// The classes a teacher is assigned to.
    /// - Throws: a backend error.
    func classes(taughtBy teacherID: Account.ID) throws -> [SchoolClass.ID]
}

/// Reads and changes classes.
public protocol ClassStore: ClassReader {
    /// Adds a class.
    /// - Throws: ``StoreError/alreadyExists`` when the id is taken or the school already
    ///   has this grade and letter in that school year; ``StoreError/notFound`` for an
    ///   unknown school.
    func insert(_ schoolClass: SchoolClass) throws
    /// Assigns a teacher to a class (idempotent).
    /// - Throws: ``StoreError/notFound`` for an unknown class or account.
    func assign(teacher teacherID: Account.ID, to classID: SchoolClass.ID) throws
    /// Reserves `count` consecutive login sequence numbers of the class, starting at 1
    /// for a new class. Committed numbers are never handed out again; a rolled-back
    /// unit releases its numbers, which is safe because nothing used them. `count` must
    /// be at least 1 (callers reject empty rosters first).
    /// - Throws: ``StoreError/notFound`` for an unknown class.
    /// - Returns: the reserved numbers.
    func reserveSequences(in classID: SchoolClass.ID, count: Int) throws -> ClosedRange<Int>
}
