import Foundation

/// Counts this process's open descriptors, for leak tests.
public enum OpenSockets {
    /// All open descriptors of this process (`/proc/self/fd`).
    public static func descriptorCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
    }

    /// This process's open TCP sockets whose local or remote port is `port` (both ends of
    /// loopback connections to a test server, and its listener). Unlike a plain
    /// descriptor count it is not disturbed by other tests running in parallel.
    public static func count(port: Int) -> Int {
        let inodes = tcpInodes(port: port)
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.filter { fd in
            guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"),
                  link.hasPrefix("socket:[") else { return false }
            return inodes.contains(String(link.dropFirst(8).dropLast()))
        }.count
    }

    /// Inodes of sockets in `/proc/net/tcp{,6}` with `port` at either end.
    private static func tcpInodes(port: Int) -> Set<String> {
        let hexPort = String(format: "%04X", port)
        var inodes = Set<String>()
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9 else { continue }
                let local = fields[1].split(separator: ":").last, remote = fields[2].split(separator: ":").last
                if local == Substring(hexPort) || remote == Substring(hexPort) { inodes.insert(String(fields[9])) }
            }
        }
        return inodes
    }
}
