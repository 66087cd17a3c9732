#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One keep-alive HTTP/1.1 connection of a virtual user, with blocking sockets.
///
/// ``APIClient`` opens a connection per request (`Connection: close`), which would make
/// the load test measure connection setup; a browser or a diary service keeps its
/// connection open. Every call blocks, so a connection is only ever used from the
/// dedicated thread of its virtual user, never from the cooperative pool (which the
/// fake gateway in this process needs). A failed exchange closes the socket and the
/// next request reconnects (after a kill cycle, to the restarted server).
final class LoadConnection {
    /// One answer.
    struct Reply {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        func string(_ key: String) -> String? { json[key] as? String }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A request that got no whole answer: refused, reset, closed or timed out.
    struct TransportError: Error, CustomStringConvertible {
        let what: String
        var description: String { what }
    }

    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    /// The port requests go to.
    let port: Int
    /// How long one exchange may take before it counts as a transport error.
    let timeoutMillis: Int32

    init(port: Int, timeoutMillis: Int32 = 30_000) {
        self.port = port
        self.timeoutMillis = timeoutMillis
    }

    deinit { disconnect() }

    func disconnect() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        buffer.removeAll()
    }

    /// Sends one request and reads its answer.
    /// - Throws: ``TransportError``.
    func send(_ method: String, _ path: String, body: [UInt8] = [], contentType: String? = nil,
              headers: [(String, String)] = []) throws -> Reply
    {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        do {
            if fd < 0 { try connect() }
            try sendAll(Array(head.utf8) + body)
            let reply = try readReply()
            if reply.header("Connection")?.lowercased() == "close" { disconnect() }
            return reply
        } catch {
            disconnect()
            throw error
        }
    }

    /// `POST path` with a JSON body.
    func post(_ path: String, json: [String: Any], headers: [(String, String)] = []) throws -> Reply {
        let body = try! JSONSerialization.data(withJSONObject: json)
        return try send("POST", path, body: Array(body), contentType: "application/json", headers: headers)
    }

    /// `POST path` with a form body.
    func post(_ path: String, form: [(String, String)], headers: [(String, String)] = []) throws -> Reply {
        let text = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try send("POST", path, body: Array(text.utf8), contentType: "application/x-www-form-urlencoded",
                        headers: headers)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private func connect() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TransportError(what: "socket: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw TransportError(what: "connect: errno \(code)")
        }
        self.fd = fd
    }

    private func sendAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw TransportError(what: "send: errno \(errno)")
            }
            offset += sent
        }
    }

    private func readReply() throws -> Reply {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutMillis))
        while true {
            if let (reply, length) = try Self.parse(buffer) {
                buffer.removeFirst(length)
                return reply
            }
            let left = ContinuousClock.now.duration(to: deadline)
            let millis = Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, millis)
            if ready == 0 { throw TransportError(what: "timed out") }
            if ready < 0 {
                if errno == EINTR { continue }
                throw TransportError(what: "poll: errno \(errno)")
            }
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 { throw TransportError(what: "recv: errno \(errno)") }
            if count == 0 { throw TransportError(what: "closed by the server") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    private static func parse(_ bytes: [UInt8]) throws -> (Reply, Int)? {
        guard bytes.count >= 4 else { return nil }
        var end = -1
        for index in 0...(bytes.count - 4)
            where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10
        {
            end = index
            break
        }
        guard end >= 0 else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw TransportError(what: "malformed") }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw TransportError(what: "malformed header") }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0") ?? 0
        let start = end + 4
        guard bytes.count >= start + length else { return nil }
        return (Reply(status: status, headers: headers, body: Array(bytes[start..<start + length])), start + length)
    }
}
