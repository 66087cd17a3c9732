import Foundation
import SchoolIDCore
import SchoolIDStore

/// `schoolid init`: the database, the keyring and the first platform admin, created once.
enum InitCommand: Command {
    static let name = "init"
    static let summary = "create the database, the keyring and the first admin"
    static let help = """
    usage: schoolid init [--admin-login L] [--admin-last-name N] [--admin-first-name N]
                         [--data DIR] [--keys DIR] [--policies DIR]

    Validates the policies, creates (or migrates) the SQLite database in the data
    directory and creates the keyring: an active and a next signing key for every
    purpose and algorithm, and the data, index and OTP keys. An existing keyring is
    checked and kept; keys are never regenerated.

    Then, unless the installation already has a platform admin, creates the first one
    (login 'admin', name "Администратор Платформы" unless given) and writes its one-time
    password to DATA/\(InitialAdmin.fileName) (mode 0600; an existing file is never
    overwritten). Only the path is printed. The password works for one login, which must
    set a new password, and expires after 24 hours. Delete the file after that login.
    Running init again keeps everything and creates no second admin.

    options:
      --admin-login L       the first admin's login (default admin)
      --admin-last-name N   the first admin's last name (default Администратор)
      --admin-first-name N  the first admin's first name (default Платформы)
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let login = try Login(parsing: try arguments.option("--admin-login") ?? "admin")
        let profile = try AccountProfile(lastName: try arguments.option("--admin-last-name") ?? "Администратор",
                                         firstName: try arguments.option("--admin-first-name") ?? "Платформы",
                                         patronymic: nil, birthDate: nil)
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        let paths = environment.paths
        _ = try environment.policies()
        print("policies: \(paths.policies) is valid")

        try FileManager.default.createDirectory(atPath: paths.data, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let existed = FileManager.default.fileExists(atPath: paths.databaseFile)
        let storage = try await SQLiteStorage(path: paths.databaseFile, clock: environment.clock)
        await storage.close()
        print("database: \(existed ? "migrated" : "created") \(paths.databaseFile)")

        let keyring = KeyringDirectory(path: paths.keys)
        if keyring.exists {
            let snapshot = try keyring.load()
            print("keyring: kept the existing keyring in \(paths.keys) (\(snapshot.records.count) keys)")
        } else {
            try FileManager.default.createDirectory(atPath: paths.keys, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let records = try keyring.create(now: environment.clock.now())
            _ = try keyring.load()
            print("keyring: created \(records.count) keys in \(paths.keys) (see 'schoolid keys list'); back it up with 'schoolid backup --keys'")
        }

        let outcome = try await Installation.with(environment) { installation in
            try await InitialAdmin.bootstrap(installation, login: login, profile: profile)
        }
        switch outcome {
        case .created(let account, let file, let expiresAt):
            // Never the password itself: only where it is.
            print("admin: created platform admin '\(account.login?.rawValue ?? login.rawValue)'; its one-time password is in \(file) (single use, expires \(iso8601(expiresAt)))")
        case .alreadyInitialised:
            print("admin: the installation already has a platform admin; none created")
        }
    }
}
