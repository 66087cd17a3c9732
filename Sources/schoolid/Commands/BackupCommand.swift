import Foundation
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDStore

/// `schoolid backup DEST` and `schoolid backup --keys DEST`.
enum BackupCommand: Command {
    static let name = "backup"
    static let summary = "back up the database or the keyring"
    static let help = """
    usage: schoolid backup DEST [--data DIR]
           schoolid backup --keys-to DEST (--passphrase-file F | --kek-file F) [--keys DIR]

    The first form copies the live database with SQLite's online backup API; it may
    run while 'serve' runs. The second writes the whole keyring sealed with AES-256-GCM
    under a passphrase (scrypt) or a key-encryption key. Keep the two apart: together
    they open every person's sealed data. DEST must not exist.

    options:
    \(CommonPaths.helpText)
    \(WrappingKeyOptions.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let keysDestination = try arguments.option("--keys-to")
        let credential = keysDestination == nil ? nil : try WrappingKeyOptions.take(from: &arguments)
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        let destination = try keysDestination ?? arguments.required("destination file")
        try arguments.finish()
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw CommandFailure("\(destination) already exists; choose a new file")
        }
        if let credential {
            let bundle = try KeyringBundle.seal(directory: KeyringDirectory(path: environment.paths.keys),
                                                with: credential, random: OpenSSLRandomSource())
            guard FileManager.default.createFile(atPath: destination, contents: bundle, attributes: [.posixPermissions: 0o600]) else {
                throw CommandFailure("cannot write \(destination)")
            }
            print("keyring: sealed \(environment.paths.keys) into \(destination)")
        } else {
            guard FileManager.default.fileExists(atPath: environment.paths.databaseFile) else {
                throw CommandFailure("no database at \(environment.paths.databaseFile); run 'schoolid init'")
            }
            let storage = try await SQLiteStorage(path: environment.paths.databaseFile, clock: environment.clock)
            do {
                try await storage.backup(to: destination)
                await storage.close()
            } catch {
                await storage.close()
                throw error
            }
            print("database: backed up \(environment.paths.databaseFile) into \(destination)")
        }
    }
}
