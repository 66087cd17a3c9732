import SchoolIDBase
import SchoolIDCore

extension SQLiteAccountStore {
    /// One `staff_memberships` row.
    private struct MembershipRecord {
        static let columns = "account_id, role, school_id, created_at, ended_at"

        var membership: StaffMembership

        init(_ membership: StaffMembership) { self.membership = membership }

        init(row: SQLiteRow) throws {
            let role: Role = try row.value(1)
            let schoolID: School.ID? = try row.optionalValue(2)
            // StaffMembership's preconditions guard programming errors; a damaged or
            // foreign row must throw instead of crashing.
            guard role.isStaff, (role == .platformAdmin) == (schoolID == nil) else {
                throw SQLiteError(code: .mismatch, message: "column 1: not a staff role for this school")
            }
            membership = StaffMembership(
                accountID: try row.value(0), role: role, schoolID: schoolID, createdAt: try row.get(3),
                endedAt: try row.get(4))
        }

        var arguments: [any SQLiteValueConvertible] {
            [membership.accountID.rawValue, membership.role.rawValue, membership.schoolID?.rawValue,
             membership.createdAt, membership.endedAt]
        }
    }

    /// One `enrolments` row.
    private struct EnrolmentRecord {
        static let columns = "id, student_id, class_id, school_id, started_at, ended_at"

        var enrolment: Enrolment

        init(_ enrolment: Enrolment) { self.enrolment = enrolment }

        init(row: SQLiteRow) throws {
            enrolment = Enrolment(
                id: try row.value(0), studentID: try row.value(1), classID: try row.value(2),
                schoolID: try row.value(3), startedAt: try row.get(4), endedAt: try row.get(5))
        }

        var arguments: [any SQLiteValueConvertible] {
            [enrolment.id.rawValue, enrolment.studentID.rawValue, enrolment.classID.rawValue,
             enrolment.schoolID.rawValue, enrolment.startedAt, enrolment.endedAt]
        }
    }

    func memberships(of accountID: Account.ID) throws -> [StaffMembership] {
        try connection.query("""
            SELECT \(MembershipRecord.columns) FROM staff_memberships WHERE account_id = ? ORDER BY created_at, rowid
            """, [accountID.rawValue]).map { try MembershipRecord(row: $0).membership }
    }

    func staff(of schoolID: School.ID) throws -> [StaffMembership] {
        try connection.query("""
            SELECT \(MembershipRecord.columns) FROM staff_memberships
            WHERE school_id = ? AND ended_at IS NULL ORDER BY created_at, rowid
            """, [schoolID.rawValue]).map { try MembershipRecord(row: $0).membership }
    }

    func platformAdmins() throws -> [StaffMembership] {
        try connection.query(
            "SELECT \(MembershipRecord.columns) FROM staff_memberships WHERE role = ? ORDER BY created_at, rowid",
            [Role.platformAdmin.rawValue]).map { try MembershipRecord(row: $0).membership }
    }

    func enrolment(_ id: Enrolment.ID) throws -> Enrolment? {
        try connection.queryFirst("SELECT \(EnrolmentRecord.columns) FROM enrolments WHERE id = ?", [id.rawValue])
            .map { try EnrolmentRecord(row: $0).enrolment }
    }

    func enrolments(of studentID: Account.ID) throws -> [Enrolment] {
        try connection.query("""
            SELECT \(EnrolmentRecord.columns) FROM enrolments WHERE student_id = ? ORDER BY started_at, rowid
            """, [studentID.rawValue]).map { try EnrolmentRecord(row: $0).enrolment }
    }

    func enrolments(in classID: SchoolClass.ID) throws -> [Enrolment] {
        try connection.query("""
            SELECT \(EnrolmentRecord.columns) FROM enrolments
            WHERE class_id = ? AND ended_at IS NULL ORDER BY started_at, rowid
            """, [classID.rawValue]).map { try EnrolmentRecord(row: $0).enrolment }
    }

    func insert(_ membership: StaffMembership) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO staff_memberships (\(MembershipRecord.columns)) VALUES (?, ?, ?, ?, ?)
                """, MembershipRecord(membership).arguments)
        }
    }

    /// A class of another school than `enrolment.schoolID` fails the composite foreign
    /// key like an unknown class: ``StoreError/notFound``.
    func insert(_ enrolment: Enrolment) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO enrolments (\(EnrolmentRecord.columns)) VALUES (?, ?, ?, ?, ?, ?)
                """, EnrolmentRecord(enrolment).arguments)
        }
    }

    func endEnrolment(_ id: Enrolment.ID, at time: UnixTime) throws {
        try connection.execute("UPDATE enrolments SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL", [id.rawValue, time])
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    func endMemberships(of accountID: Account.ID, at time: UnixTime) throws -> Int {
        try connection.execute("UPDATE staff_memberships SET ended_at = ?2 WHERE account_id = ?1 AND ended_at IS NULL",
                               [accountID.rawValue, time])
        return connection.changes
    }
}
