import Foundation
import SchoolIDCrypto
import Testing

/// Server and client sessions against each other over an in-process socket pair.
@Suite struct TLSSessionTests {
    @Test("client and server agree on TLS 1.3 and exchange bytes both ways") func exchange() throws {
        let pair = try TLSLoopbackPair(client: try TLSFixtures.clientContext())
        #expect(pair.client.negotiatedProtocol == nil)
        try pair.handshake()
        #expect(pair.client.negotiatedProtocol == "TLSv1.3")
        #expect(pair.server.negotiatedProtocol == "TLSv1.3")
        #expect(try pair.client.handshake() == .done(0))

        // 300 kB: many records, more than the socket buffers hold, so writes go partial.
        let request = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let received = ByteBox()
        try TLSPump.run([
            TLSPump.write(request, with: pair.client, pair.sockets.client),
            TLSPump.read(request.count, into: received, with: pair.server, pair.sockets.server),
        ])
        #expect(received.bytes == request)

        let reply = Array("HTTP/1.1 204 No Content\r\n\r\n".utf8)
        let answered = ByteBox()
        try TLSPump.run([
            TLSPump.write(reply, with: pair.server, pair.sockets.server),
            TLSPump.read(reply.count, into: answered, with: pair.client, pair.sockets.client),
        ])
        #expect(answered.bytes == reply)
    }

    @Test("a client verifies an IP address literal against the certificate's iPAddress entry")
    func ipAddressName() throws {
        let pair = try TLSLoopbackPair(client: try TLSFixtures.clientContext(), serverName: "127.0.0.1")
        try pair.handshake()
        #expect(pair.client.negotiatedProtocol == "TLSv1.3")
    }

    @Test("a client rejects a certificate issued for another name", arguments: ["example.com", "127.0.0.2", "LOCALHOST.evil"])
    func hostnameMismatch(name: String) throws {
        let pair = try TLSLoopbackPair(client: try TLSFixtures.clientContext(), serverName: name)
        let error = #expect(throws: CryptoError.tlsFailure) { try pair.handshake() }
        #expect(error?.detail.contains("mismatch") == true, "\(String(describing: error))")
        #expect(pair.client.negotiatedProtocol == nil)
    }

    @Test("a client rejects a certificate from a CA it does not trust", arguments: ["other-ca.pem", nil] as [String?])
    func untrustedIssuer(caFile: String?) throws {
        let pair = try TLSLoopbackPair(client: try TLSFixtures.clientContext(trusting: caFile))
        let error = #expect(throws: CryptoError.tlsFailure) { try pair.handshake() }
        // The server sends its chain with the test CA in it, which this client does not trust.
        #expect(error?.detail.contains("self-signed certificate in certificate chain") == true,
                "\(String(describing: error))")
    }

    @Test("close_notify reaches the peer as .closed, and the session then refuses I/O") func closeNotify() throws {
        let pair = try TLSLoopbackPair(client: try TLSFixtures.clientContext())
        try pair.handshake()
        #expect(try TLSPump.run([Party(fd: pair.sockets.server) { pair.server.shutdown() }]) == [.done(0)])
        var buffer: [UInt8] = []
        let results = try TLSPump.run([TLSPump.read(1, into: ByteBox(), with: pair.client, pair.sockets.client)])
        #expect(results == [.closed])
        #expect(try pair.client.read(into: &buffer, maximum: 16) == .closed)
        #expect(buffer.isEmpty)
    }

    @Test("end of stream without close_notify reads as .closed") func truncatedStream() throws {
        let pair = try TLSLoopbackPair(client: try TLSFixtures.clientContext())
        try pair.handshake()
        #expect(Glibc.shutdown(pair.sockets.server, Int32(SHUT_WR)) == 0)
        let results = try TLSPump.run([TLSPump.read(1, into: ByteBox(), with: pair.client, pair.sockets.client)])
        #expect(results == [.closed])
        #expect(pair.client.shutdown() == .closed)
        #expect(throws: CryptoError.tlsFailure) { try pair.client.write([1]) }
    }

    @Test("a peer that goes away mid-handshake reads as .closed") func peerGoneDuringHandshake() throws {
        let sockets = try SocketPair()
        let server = try TLSSession(context: try TLSFixtures.serverContext(), fileDescriptor: sockets.server)
        #expect(try server.handshake() == .wantRead)
        #expect(Glibc.shutdown(sockets.client, Int32(SHUT_WR)) == 0)
        #expect(try TLSPump.run([TLSPump.handshake(server, sockets.server)]) == [.closed])
        #expect(server.negotiatedProtocol == nil)
        #expect(server.shutdown() == .closed)
    }

    @Test("a server refuses bytes that are not TLS") func notTLS() throws {
        let sockets = try SocketPair()
        let server = try TLSSession(context: try TLSFixtures.serverContext(), fileDescriptor: sockets.server)
        let request = Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        #expect(request.withUnsafeBytes { Glibc.write(sockets.client, $0.baseAddress, $0.count) } == request.count)
        #expect(throws: CryptoError.tlsFailure) { try TLSPump.run([TLSPump.handshake(server, sockets.server)]) }
    }

    @Test("an empty write consumes nothing") func emptyWrite() throws {
        let pair = try TLSLoopbackPair(client: try TLSFixtures.clientContext())
        #expect(try pair.client.write([]) == .done(0))
    }

    @Test("a client session needs a server name, and a server session takes none") func serverNameRules() throws {
        let sockets = try SocketPair()
        let client = try TLSFixtures.clientContext()
        #expect(throws: CryptoError.invalidParameters) { try TLSSession(context: client, fileDescriptor: sockets.client) }
        #expect(throws: CryptoError.invalidParameters) {
            try TLSSession(context: client, fileDescriptor: sockets.client, serverName: "")
        }
        #expect(throws: CryptoError.invalidParameters) {
            try TLSSession(context: client, fileDescriptor: sockets.client, serverName: "localhost\0.evil")
        }
        #expect(throws: CryptoError.invalidParameters) {
            try TLSSession(context: try TLSFixtures.serverContext(), fileDescriptor: sockets.server, serverName: "localhost")
        }
    }
}

private typealias Party = TLSPump.Party
