import Foundation

/// A size-limited tmpfs mounted on a directory for a disk-full test: the real kernel
/// answers `ENOSPC` once it is full, which no injected fault imitates (mount(2) and
/// umount2(2) directly; it needs root, as on CI).
struct TmpfsMount: Sendable {
    let path: String

    /// Mounts a tmpfs of `megabytes` MiB (mode 0700) on the existing directory `path`.
    /// - Throws: `POSIXError` with mount(2)'s errno.
    init(at path: String, megabytes: Int) throws {
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(megabytes)m,mode=0700") == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
        self.path = path
    }

    /// Unmounts (lazily, so a descriptor a killed child left open cannot keep it).
    func unmount() { _ = umount2(path, Int32(MNT_DETACH)) }

    /// Free bytes on the filesystem.
    var freeBytes: Int64 {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return -1 }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }

    /// Fills the filesystem: writes zeros to `name` until the kernel answers `ENOSPC`.
    /// - Returns: the bytes written.
    @discardableResult
    func fill(_ name: String) throws -> Int64 {
        let fd = open(path + "/" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var written: Int64 = 0
        var size = chunk.count
        while size > 0 {
            let count = chunk.withUnsafeBytes { write(fd, $0.baseAddress, size) }
            if count > 0 { written += Int64(count); continue }
            if count < 0 && errno == EINTR { continue }
            guard count < 0 && errno == ENOSPC else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            size /= 2  // the last pages: smaller writes until not even one byte fits
        }
        return written
    }

    /// Whether this process may mount a tmpfs (root on Linux, not in a restricted
    /// container): checked once by mounting and unmounting a tiny one.
    static let available: Bool = {
        let probe = NSTemporaryDirectory() + "schoolid-tmpfs-probe-\(getpid())"
        guard mkdir(probe, 0o700) == 0 else { return false }
        defer { rmdir(probe) }
        guard let mounted = try? TmpfsMount(at: probe, megabytes: 1) else { return false }
        mounted.unmount()
        return true
    }()
}
