import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File operations of the keyring: private files are created 0600 from the first
/// byte (never chmod-ed afterwards), checked for group/other access when read, and
/// the manifest is replaced atomically (write, fsync, rename, fsync the directory).
enum KeyFiles {
    /// Reads a private key file, refusing one that group or others may read.
    static func readPrivate(_ path: String, relative: String) throws -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw KeyringError(.missing, "key file \(relative) is missing; restore it from a keyring backup (see keys/README.md)")
        }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw KeyringError(.insecurePermissions,
                               "key file \(relative) is readable by group or others (mode \(String(mode, radix: 8))); run 'chmod 600 \(path)'")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeyringError(.unreadable, "key file \(relative) cannot be read by this user")
        }
        return data
    }

    /// Creates a new private file with mode 0600; refuses to overwrite.
    static func writePrivate(_ data: Data, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw KeyringError(.alreadyExists, "cannot create key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        try writeAll(data, to: fd, path: path)
        fsync(fd)
    }

    /// Replaces `path` atomically with `data` (mode 0644: the manifest holds no secrets).
    static func replace(_ path: String, with data: Data) throws {
        let temporary = path + ".tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw KeyringError(.unreadable, "cannot write \(temporary): \(String(cString: strerror(errno)))") }
        do {
            try writeAll(data, to: fd, path: temporary)
            fsync(fd)
            close(fd)
        } catch {
            close(fd)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            throw KeyringError(.unreadable, "cannot replace \(path): \(String(cString: strerror(errno)))")
        }
        let directory = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 { fsync(directory); close(directory) }
    }

    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw KeyringError(.unreadable, "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }
}
