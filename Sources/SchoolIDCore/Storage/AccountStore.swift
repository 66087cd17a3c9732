import SchoolIDBase

/// Reads accounts, staff memberships and enrolments.
public protocol AccountReader {
    /// The account, or `nil`.
    /// - Throws: a backend error.
    func account(_ id: Account.ID) throws -> Account?
    /// The account with this login, or `nil`.
    /// - Throws: a backend error.
    func account(login: Login) throws -> Account?
    /// Whether a login was ever used (never reused, except an adult's chosen login
    /// released by account deletion).
    /// - Throws: a backend error.
    func isLoginTaken(_ login: Login) throws -> Bool
    /// The account's staff memberships, ended ones included.
    /// - Throws: a backend error.
    func memberships(of accountID: Account.ID) throws -> [StaffMembership]
    /// The active staff memberships of a school (platform admins have none).
    /// - Throws: a backend error.
    func staff(of schoolID: School.ID) throws -> [StaffMembership]
    /// Every platform-admin membership, ended ones included (whether the installation
    /// was ever bootstrapped).
    /// - Throws: a backend error.
    func platformAdmins() throws -> [StaffMembership]
    /// The enrolment, or `nil`.
    /// - Throws: a backend error.
    func enrolment(_ id: Enrolment.ID) throws -> Enrolment?
    /// A student's enrolments, ended ones included, oldest first.
    /// - Throws: a backend error.
    func enrolments(of studentID: Account.ID) throws -> [Enrolment]
    /// The active enrolments of a class.
    /// - Throws: a backend error.
    func enrolments(in classID: SchoolClass.ID) throws -> [Enrolment]
}

/// Reads and changes accounts, staff memberships and enrolments.
public protocol AccountStore: AccountReader {
    /// Adds an account and reserves its login for good.
    /// - Throws: ``StoreError/alreadyExists`` when the id or the login is (or was) taken.
    func insert(_ account: Account) throws
    /// Changes an account in place (`updatedAt` is the caller's business).
    /// - Throws: ``StoreError/notFound``, or what `change` throws (nothing is written then).
    /// - Returns: the stored account.
    @discardableResult
    func update(_ id: Account.ID, _ change: (inout Account) throws -> Void) throws -> Account
    /// Adds a staff membership.
    /// - Throws: ``StoreError/alreadyExists`` when the account already holds an active
    ///   membership with this role in this school; ``StoreError/notFound`` for an
    ///   unknown account or school.
    func insert(_ membership: StaffMembership) throws
    /// Adds an enrolment.
    /// - Throws: ``StoreError/alreadyExists`` when the student already has an active
    ///   enrolment in that school; ``StoreError/notFound`` for an unknown account or class.
    func insert(_ enrolment: Enrolment) throws
    /// Ends an active enrolment.
    /// - Throws: ``StoreError/notFound`` when there is no such active enrolment.
    func endEnrolment(_ id: Enrolment.ID, at time: UnixTime) throws
    /// Turns the account into a deletion tombstone: status `deleted`, no login,
    /// empty profile, failure counters, lock and second-factor flag cleared. The row
    /// stays so audit events and links keep naming a pseudonymous id.
    /// - Parameters:
    ///   - releasingLogin: also frees the login in `used_logins` so it may be chosen
    ///     again (adults' chosen logins; students' pattern logins stay reserved).
    ///   - time: the new `updatedAt`.
    /// - Throws: ``StoreError/notFound``.
    /// - Returns: the tombstone.
    @discardableResult
    func tombstone(_ id: Account.ID, releasingLogin: Bool, at time: UnixTime) throws -> Account
    /// Ends every active staff membership of the account.
    /// - Throws: a backend error.
    /// - Returns: how many were ended.
    @discardableResult
    func endMemberships(of accountID: Account.ID, at time: UnixTime) throws -> Int
}
