public import Foundation
import SchoolIDBase
import SchoolIDJOSE
#if canImport(Glibc)
import Glibc
#endif

/// A ``CheckpointStore`` in one JSON file, the default a verifier should keep:
/// `{"checkpoint": "<JWS>", "tree_size": n, "root": "<hex>", "iat": t}`.
///
/// Saving writes a temporary file next to it, fsyncs it, renames it over the old one
/// (`rename(2)` is atomic) and fsyncs the directory, so a crash leaves either the old
/// checkpoint or the new one, never a partial file. Loading checks that the stored fields
/// are the ones the JWS payload carries; a hand-edited or truncated file throws instead of
/// being taken for "no checkpoint yet".
public actor FileCheckpointStore: CheckpointStore {
    /// The file's path.
    public let path: URL

    /// Creates a store at `path`; nothing is read or written until ``load()`` / ``save(_:)``.
    public init(path: URL) {
        self.path = path
    }

    /// The held checkpoint; `nil` only when the file does not exist.
    /// - Throws: ``VerificationError/malformed`` for a file that is not a stored checkpoint.
    public func load() async throws -> VerifiedCheckpoint? {
        guard let data = FileManager.default.contents(atPath: path.path) else {
            guard !FileManager.default.fileExists(atPath: path.path) else { throw unreadable("cannot be read") }
            return nil
        }
        guard case .object(let members)? = try? JSONValue(parsing: Array(data)),
              case .string(let compact)? = members["checkpoint"], case .integer(let size)? = members["tree_size"],
              case .string(let root)? = members["root"], case .integer(let issuedAt)? = members["iat"]
        else { throw unreadable("is not a stored checkpoint") }
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(parts[1]),
              let claims = try? VerifiedCheckpoint.claims(payload: payload).checkpoint,
              Int64(claims.treeSize) == size, Hex.encode(claims.root) == root, claims.issuedAt == issuedAt
        else { throw unreadable("holds fields that differ from its checkpoint") }
        return VerifiedCheckpoint(treeSize: claims.treeSize, root: claims.root, issuedAt: claims.issuedAt, compact: compact)
    }

    /// Replaces the file atomically with `checkpoint`.
    /// - Throws: ``VerificationError/malformed`` when the file cannot be written; the old
    ///   one is then left in place.
    public func save(_ checkpoint: VerifiedCheckpoint) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(checkpoint)
        let temporary = path.path + ".tmp-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw unwritable(temporary) }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        close(fd)
        guard synced, rename(temporary, path.path) == 0 else {
            let error = unwritable(path.path)
            unlink(temporary)
            throw error
        }
        let directory = open(path.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    private func unreadable(_ reason: String) -> VerificationError {
        VerificationError(.malformed, detail: "the checkpoint file \(path.path) \(reason)")
    }

    private func unwritable(_ file: String) -> VerificationError {
        VerificationError(.malformed, detail: "cannot write \(file): \(String(cString: strerror(errno)))")
    }
}
