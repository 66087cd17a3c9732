import Foundation
import SchoolIDCore
import SchoolIDStore

/// `schoolid init`: the database and the keyring, created once.
enum InitCommand: Command {
    static let name = "init"
    static let summary = "create the database and the keyring"
    static let help = """
    usage: schoolid init [--data DIR] [--keys DIR] [--policies DIR]

    Validates the policies, creates (or migrates) the SQLite database in the data
    directory and creates the keyring: an active and a next signing key for every
    purpose and algorithm, and the data, index and OTP keys. An existing keyring is
    checked and kept; keys are never regenerated.

    options:
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
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
    }
}
