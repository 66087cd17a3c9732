import Foundation
import SchoolIDCore
import SchoolIDStore

/// `schoolid restore --database SRC` and `schoolid restore --keys-from SRC`.
enum RestoreCommand: Command {
    static let name = "restore"
    static let summary = "restore a database or keyring backup"
    static let help = """
    usage: schoolid restore --database SRC [--data DIR]
           schoolid restore --keys-from SRC (--passphrase-file F | --kek-file F) [--keys DIR]

    Restores into a directory that holds no database (or no keyring): nothing is ever
    overwritten. The restored database is checked with PRAGMA integrity_check and
    migrated; the restored keyring is loaded and checked like at start.

    options:
    \(CommonPaths.helpText)
    \(WrappingKeyOptions.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let database = try arguments.option("--database")
        let bundle = try arguments.option("--keys-from")
        let credential = bundle == nil ? nil : try WrappingKeyOptions.take(from: &arguments)
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        switch (database, bundle, credential) {
        case (let source?, nil, _):
            try await restoreDatabase(from: source, environment)
        case (nil, let source?, let credential?):
            guard let data = FileManager.default.contents(atPath: source) else { throw CommandFailure("cannot read \(source)") }
            try FileManager.default.createDirectory(atPath: environment.paths.keys, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let records = try KeyringBundle.restore(data, into: KeyringDirectory(path: environment.paths.keys),
                                                    with: credential)
            print("keyring: restored \(records.count) keys into \(environment.paths.keys)")
        default:
            throw UsageError("pass either --database SRC or --keys-from SRC")
        }
    }

    static func restoreDatabase(from source: String, _ environment: Environment) async throws {
        let target = environment.paths.databaseFile
        guard FileManager.default.fileExists(atPath: source) else { throw CommandFailure("cannot read \(source)") }
        guard !FileManager.default.fileExists(atPath: target) else {
            throw CommandFailure("a database already exists at \(target); restore into an empty data directory")
        }
        try FileManager.default.createDirectory(atPath: environment.paths.data, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(atPath: source, toPath: target)
        let storage = try await SQLiteStorage(path: target, clock: environment.clock)
        let healthy = try await storage.readSQLite { try $0.connection.integrityCheck() } == ["ok"]
        await storage.close()
        guard healthy else {
            try? FileManager.default.removeItem(atPath: target)
            throw CommandFailure("\(source) fails PRAGMA integrity_check; nothing was restored")
        }
        print("database: restored \(source) into \(target)")
    }
}
