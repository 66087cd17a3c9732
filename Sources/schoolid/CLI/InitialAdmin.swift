import Foundation
import Glibc
import SchoolIDBase
import SchoolIDCore
import SchoolIDStore

/// The bootstrap of an installation: the first platform administrator, whose one-time
/// password is handed over in a file readable by the service user only
/// (`<data>/initial-admin-password`, mode 0600), never on the terminal, so that it does
/// not end up in scroll-back, shell logs or CI output.
///
/// The password is the one ``DirectoryService/addStaff(by:role:schoolID:login:profile:context:)``
/// makes for every new staff account: single use (the first login must change it) and
/// expiring after 24 hours.
enum InitialAdmin {
    /// The file's name inside the data directory.
    static let fileName = "initial-admin-password"

    /// What ``bootstrap(_:login:profile:)`` did.
    enum Outcome {
        /// A new admin; its password is in `file` until `expiresAt`.
        case created(Account, file: String, expiresAt: UnixTime)
        /// The installation already has (or had) a platform admin; nothing was created.
        case alreadyInitialised
    }

    /// Creates the first platform admin unless the installation ever had one.
    ///
    /// The password file is created exclusively before the account, so two concurrent
    /// runs cannot both create an admin, and an existing file is never overwritten.
    /// - Throws: ``CommandFailure`` when the file exists or cannot be written;
    ///   `DomainError(.loginTaken)` when the login belongs to someone; storage errors.
    static func bootstrap(_ installation: Installation, login: Login, profile: AccountProfile) async throws -> Outcome {
        // Ended memberships count too: re-running init must never mint another admin.
        let (admins, taken) = try await installation.storage.read { tx in
            (try tx.accounts.platformAdmins(), try tx.accounts.isLoginTaken(login))
        }
        guard admins.isEmpty else { return .alreadyInitialised }
        guard !taken else { throw DomainError(.loginTaken, detail: "'\(login)' is in use; choose another --admin-login") }

        let path = installation.paths.data + "/" + fileName
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw CommandFailure("\(path) already exists and is never overwritten; move it away and run init again")
            }
            throw CommandFailure("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let created: (Account, TemporaryPassword?)
        do {
            created = try await installation.directory.addStaff(
                by: .commandLine, role: .platformAdmin, schoolID: nil, login: login.rawValue, profile: profile,
                context: installation.requestContext())
        } catch {
            unlink(path)
            throw error
        }
        guard let password = created.1 else {
            // addStaff found an account for the login after our check: a concurrent writer.
            unlink(path)
            throw DomainError(.loginTaken, detail: "'\(login)' was taken meanwhile")
        }
        try write(Array((password.text + "\n").utf8), to: descriptor, path: path)
        return .created(created.0, file: path, expiresAt: password.expiresAt)
    }

    /// Writes all of `bytes` and flushes them to disk.
    private static func write(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno))); the admin exists without a readable password")
            }
            offset += written
        }
        guard fchmod(descriptor, 0o600) == 0, fsync(descriptor) == 0 else {
            throw CommandFailure("cannot flush \(path): \(String(cString: strerror(errno)))")
        }
    }
}
