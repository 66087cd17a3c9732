import SchoolIDBase
import SchoolIDCore

/// `accounts`, `used_logins`, `staff_memberships` and `enrolments` rows as ``Account``,
/// ``StaffMembership`` and ``Enrolment`` values. Memberships and enrolments are in
/// `SQLiteAccountStore+Memberships.swift`.
struct SQLiteAccountStore: AccountStore {
    let connection: SQLiteConnection

    /// One `accounts` row; hides the column layout from the domain.
    private struct Record {
        static let columns = """
            id, category, login, status, profile, consecutive_failures, locked_at, has_second_factor, \
            created_at, updated_at, locale
            """

        var account: Account

        init(_ account: Account) { self.account = account }

        init(row: SQLiteRow) throws {
            account = Account(
                id: try row.value(0), category: try row.value(1), login: try row.optionalValue(2),
                status: try row.value(3), profile: try row.get(4), consecutiveFailures: try row.get(5),
                lockedAt: try row.get(6), hasSecondFactor: try row.get(7), locale: try row.value(10),
                createdAt: try row.get(8), updatedAt: try row.get(9))
        }

        var arguments: [any SQLiteValueConvertible] {
            [account.id.rawValue, account.category.rawValue, account.login?.rawValue, account.status.rawValue,
             account.profile, account.consecutiveFailures, account.lockedAt, account.hasSecondFactor,
             account.createdAt, account.updatedAt, account.locale.rawValue]
        }
    }

    func account(_ id: Account.ID) throws -> Account? {
        try connection.queryFirst("SELECT \(Record.columns) FROM accounts WHERE id = ?", [id.rawValue])
            .map { try Record(row: $0).account }
    }

    func account(login: Login) throws -> Account? {
        try connection.queryFirst("SELECT \(Record.columns) FROM accounts WHERE login = ?", [login.rawValue])
            .map { try Record(row: $0).account }
    }

    func isLoginTaken(_ login: Login) throws -> Bool {
        try connection.queryFirst("SELECT 1 FROM used_logins WHERE login = ?", [login.rawValue]) != nil
    }

    func insert(_ account: Account) throws {
        try connection.mappingConstraints {
            try connection.inSavepoint {
                if let login = account.login { try reserve(login, at: account.createdAt) }
                try connection.execute("""
                    INSERT INTO accounts (\(Record.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, Record(account).arguments)
            }
        }
    }

    /// Reads, changes and writes back; safe because a unit runs alone on the writer
    /// inside its transaction. A new login is reserved for good, like at insert.
    func update(_ id: Account.ID, _ change: (inout Account) throws -> Void) throws -> Account {
        guard let stored = try account(id) else { throw StoreError.notFound }
        var account = stored
        try change(&account)
        precondition(account.id == id, "update cannot change an account's id")
        try connection.mappingConstraints {
            try connection.inSavepoint {
                if let login = account.login, login != stored.login { try reserve(login, at: account.updatedAt) }
                try connection.execute("""
                    UPDATE accounts SET category = ?2, login = ?3, status = ?4, profile = ?5, consecutive_failures = ?6,
                        locked_at = ?7, has_second_factor = ?8, created_at = ?9, updated_at = ?10, locale = ?11
                    WHERE id = ?1
                    """, Record(account).arguments)
            }
        }
        return account
    }

    /// Records a login in `used_logins`; a login used once (even by a deleted account)
    /// fails with `SQLITE_CONSTRAINT_PRIMARYKEY`, i.e. ``StoreError/alreadyExists``.
    private func reserve(_ login: Login, at time: UnixTime) throws {
        try connection.execute("INSERT INTO used_logins (login, used_at) VALUES (?, ?)", [login.rawValue, time])
    }

    /// The login column goes first (it references `used_logins`), then the released
    /// login's row; one savepoint.
    func tombstone(_ id: Account.ID, releasingLogin: Bool, at time: UnixTime) throws -> Account {
        guard let stored = try account(id) else { throw StoreError.notFound }
        try connection.inSavepoint {
            try connection.execute("""
                UPDATE accounts SET login = NULL, status = ?2, profile = ?3, consecutive_failures = 0, locked_at = NULL,
                    has_second_factor = 0, updated_at = ?4
                WHERE id = ?1
                """, [id.rawValue, Account.Status.deleted.rawValue, [UInt8](), time])
            if releasingLogin, let login = stored.login {
                try connection.execute("DELETE FROM used_logins WHERE login = ?", [login.rawValue])
            }
        }
        guard let tombstone = try account(id) else { throw StoreError.notFound }
        return tombstone
    }
}
