import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDStore

/// An installation opened for an administrative command (`school`, `staff`, `class`,
/// `audit`, and `init`'s first admin): the database in `--data`, the policies in
/// `--policies` and the keyring in `--keys`, composed into the Core services'
/// ``ServiceEnvironment`` the way `serve` composes it. Only the hasher differs
/// (``DirectPasswordHasher``); the clock keeps the server's high-water mark.
///
/// Every action runs as ``Principal/commandLine``: whoever holds the database and the
/// keys may do anything, and the audit log records it with client `cli`.
struct Installation {
    let paths: CommonPaths
    let storage: SQLiteStorage
    let environment: ServiceEnvironment

    /// Opens the installation, runs `body`, and closes the database whatever happens.
    /// - Throws: ``CommandFailure`` when there is no database yet, a policy or keyring
    ///   error, a storage error, or what `body` throws.
    static func with<T>(_ cli: Environment, _ body: (Installation) async throws -> T) async throws -> T {
        let installation = try await open(cli)
        do {
            let result = try await body(installation)
            await installation.storage.close()
            return result
        } catch {
            await installation.storage.close()
            throw error
        }
    }

    /// Opens an existing installation; never creates a database (that is `init`'s job).
    static func open(_ cli: Environment) async throws -> Installation {
        let paths = cli.paths
        guard FileManager.default.fileExists(atPath: paths.databaseFile) else {
            throw CommandFailure("no database at \(paths.databaseFile); run 'schoolid init'")
        }
        let policies = try cli.policies()
        let keys = try cli.keyring()
        let storage = try await SQLiteStorage(path: paths.databaseFile, clock: cli.clock)
        let environment = ServiceEnvironment(storage: storage, hasher: DirectPasswordHasher(), clock: cli.clock,
                                             random: SystemRandomSource(), policies: { policies }, dataKeys: { keys })
        return Installation(paths: paths, storage: storage, environment: environment)
    }

    /// The directory services, acting for the operator.
    var directory: DirectoryService { DirectoryService(environment: environment) }

    /// The OAuth client registry, acting for the operator.
    var clients: ClientService { ClientService(environment: environment) }

    /// A context for one command's actions: client `cli` and a fresh random request id.
    func requestContext() -> RequestContext {
        .commandLine(requestID: environment.random.token(bytes: 12))
    }

    /// The school named by its login code (`s57`) or its identifier (`sch_…`).
    /// - Throws: `DomainError` (`.schoolNotFound`, `.schoolCodeInvalid`, `.identifierInvalid`).
    func school(_ reference: String) async throws -> School {
        let found: School?
        if reference.hasPrefix(School.Kind.prefix + "_") {
            let id = try School.ID(parsing: reference)
            found = try await storage.read { tx in try tx.schools.school(id) }
        } else {
            let code = try SchoolCode(parsing: reference)
            found = try await storage.read { tx in try tx.schools.school(code: code) }
        }
        guard let found else { throw DomainError(.schoolNotFound, detail: "no school '\(reference)'") }
        return found
    }

    /// The account named by its identifier (`acc_…`) or its login.
    /// - Throws: `DomainError` (`.accountNotFound`, login syntax codes).
    func account(_ reference: String) async throws -> Account {
        let found: Account?
        if let id = Account.ID(rawValue: reference) {
            found = try await storage.read { tx in try tx.accounts.account(id) }
        } else {
            let login = try Login(parsing: reference)
            found = try await storage.read { tx in try tx.accounts.account(login: login) }
        }
        guard let found else { throw DomainError(.accountNotFound, detail: "no account '\(reference)'") }
        return found
    }
}
