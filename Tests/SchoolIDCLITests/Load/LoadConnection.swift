#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SchoolIDTesting

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
    typealias Reply = APIResponse

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
        do {
            fd = try TestClient.connect(host: "127.0.0.1", port: port)
        } catch {
            throw TransportError(what: "connect: \(error)")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    private func sendAll(_ bytes: [UInt8]) throws {
        do {
            try TestClient.sendAll(bytes, on: fd)
        } catch {
            throw TransportError(what: "send: \(error)")
        }
    }

    private func readReply() throws -> Reply {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutMillis))
        while true {
            let parsed: (TestResponse, Int)?
            do {
                parsed = try TestResponse.parse(buffer)
            } catch {
                throw TransportError(what: "malformed answer")
            }
            if let (reply, length) = parsed {
                buffer.removeFirst(length)
                return APIResponse(reply)
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
}
