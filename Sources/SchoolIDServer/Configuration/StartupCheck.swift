import Foundation
import SchoolIDBase
import SchoolIDCore

/// Decides at start whether to initialise, serve, or refuse.
///
/// `serve` initialises only a truly fresh installation (no database file **and** no
/// key files). A database without its keyring, or a keyring without its database, is
/// almost always a botched restore: starting anyway would generate new keys that can
/// never open the sealed data, so it refuses with a one-line hint instead.
public enum StartupCheck {
    /// Why `serve` refuses to start; `code` is stable (`keyring_missing`, `database_missing`).
    public struct Refusal: Error, CustomStringConvertible {
        public let code: String
        public let hint: String
        public var description: String { "\(code): \(hint)" }
    }

    /// Initialises a fresh installation, or checks that database and keyring both exist.
    /// - Returns: true when it created a new database directory and keyring.
    /// - Throws: ``Refusal``, or a keyring creation error.
    @discardableResult
    public static func prepare(_ configuration: ServeConfiguration, now: UnixTime) throws -> Bool {
        let keyring = KeyringDirectory(path: configuration.keys)
        let hasDatabase = FileManager.default.fileExists(atPath: configuration.databaseFile)
        let hasKeys = keyring.exists || hasKeyFiles(configuration.keys)
        switch (hasDatabase, hasKeys) {
        case (true, true):
            return false
        case (true, false):
            throw Refusal(code: "keyring_missing",
                          hint: "\(configuration.databaseFile) exists but \(configuration.keys) holds no keyring; restore it with 'schoolid restore --keys-from BUNDLE'")
        case (false, true):
            throw Refusal(code: "database_missing",
                          hint: "\(configuration.keys) holds keys but \(configuration.databaseFile) does not exist; restore it with 'schoolid restore --database BACKUP' or point --data at it")
        case (false, false):
            let manager = FileManager.default
            try manager.createDirectory(atPath: configuration.data, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            try manager.createDirectory(atPath: configuration.keys, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            try keyring.create(now: now)
            return true
        }
    }

    /// Any `.pem` or `.key` file below `path` (a half-restored keyring counts as keys).
    static func hasKeyFiles(_ path: String) -> Bool {
        guard let files = FileManager.default.enumerator(atPath: path) else { return false }
        return files.contains { ($0 as? String).map { $0.hasSuffix(".pem") || $0.hasSuffix(".key") } ?? false }
    }
}
