import Foundation

/// Counts this process's open descriptors, for leak tests.
public enum OpenSockets {
    /// All open descriptors of this process (`/proc/self/fd`).
    public static func descriptorCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
    }

    /// This process's open TCP sockets whose local port is `port`: a test server's
    /// listener and the connections it accepted. Unlike a plain descriptor count it is not
    /// disturbed by other tests running in parallel, and unlike matching either end it
    /// does not count another test's client still connected to an earlier server that
    /// had the same port number.
    public static func count(port: Int) -> Int {
        let inodes = tcpInodes(port: port)
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.filter { fd in
            guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"),
                  link.hasPrefix("socket:[") else { return false }
            return inodes.contains(String(link.dropFirst(8).dropLast()))
        }.count
    }

    /// Inodes of sockets in `/proc/net/tcp{,6}` whose local port is `port`.
    private static func tcpInodes(port: Int) -> Set<String> {
        let hexPort = String(format: "%04X", port)
        var inodes = Set<String>()
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9 else { continue }
                if fields[1].split(separator: ":").last == Substring(hexPort) { inodes.insert(String(fields[9])) }
            }
        }
        return inodes
    }
}
