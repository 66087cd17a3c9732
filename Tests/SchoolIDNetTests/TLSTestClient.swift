#if canImport(Glibc)
import Glibc
#endif
import SchoolIDCrypto
@testable import SchoolIDTesting

/// A blocking TLS client for the live-server tests: connects with ``TestClient``, then
/// runs a whole conversation (handshake, requests, responses) on its own thread, because
/// a ``TLSSession`` belongs to one task and `poll` must not block the cooperative pool.
enum TLSTestClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func path(_ name: String) -> String { Fixtures.url("keys/tls/\(name)").path }

    /// The server context over the test certificate chain and key.
    static func serverContext() throws -> TLSContext {
        try TLSContext.server(certificateChainPEMPath: path("server-chain.pem"), privateKeyPEMPath: path("server.key"))
    }

    /// Connects to `port`, verifies the server as `serverName` against the test CA, sends
    /// each request in turn and reads its response; all over one TLS connection.
    /// - Returns: the negotiated protocol and the responses in order.
    static func exchange(port: Int, serverName: String = "127.0.0.1",
                         requests: [String]) async throws -> (protocol: String?, responses: [TestResponse])
    {
        let client = try await TestClient(port: port)
        defer { client.close() }
        let fd = client.fd
        return try await TestClient.blocking {
            signal(SIGPIPE, SIG_IGN)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            let session = try TLSSession(context: TLSContext.client(trustedCAPEMPath: path("ca.pem")),
                                         fileDescriptor: fd, serverName: serverName)
            try pump(fd) { try session.handshake() }
            var responses: [TestResponse] = []
            var received: [UInt8] = []
            for request in requests {
                let bytes = Array(request.utf8)
                var offset = 0
                while offset < bytes.count {
                    offset += try pump(fd) { try session.write(Array(bytes[offset...])) }
                }
                while true {
                    if let (response, length) = try TestResponse.parse(received, headRequest: false) {
                        received.removeFirst(length)
                        responses.append(response)
                        break
                    }
                    guard try pump(fd, { try session.read(into: &received, maximum: 16 * 1024) }) > 0 else {
                        throw Failure(description: "the server closed before answering")
                    }
                }
            }
            _ = session.shutdown()
            return (session.negotiatedProtocol, responses)
        }
    }

    /// Repeats `operation` until it is done, polling for the readiness it asks for (5 s each).
    /// - Returns: the byte count; 0 when the peer closed.
    @discardableResult
    private static func pump(_ fd: Int32, _ operation: () throws -> TLSIOResult) throws -> Int {
        while true {
            let events: Int32
            switch try operation() {
            case .done(let count): return count
            case .closed: return 0
            case .wantRead: events = POLLIN
            case .wantWrite: events = POLLOUT
            }
            var descriptor = pollfd(fd: fd, events: Int16(events), revents: 0)
            guard poll(&descriptor, 1, 30_000) == 1 else { throw Failure(description: "no readiness within 30 s") }
        }
    }
}
