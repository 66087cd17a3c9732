import Foundation
import SchoolIDCrypto
import Testing

/// A client session against `openssl s_server` over loopback TCP.
@Suite(.enabled(if: OpenSSLCLI.isAvailable, "needs the openssl command"))
struct TLSOpenSSLServerTests {
    /// Starts `s_server` on a kernel-chosen port for one connection, and connects to it.
    private static func start(_ options: [String]) throws -> (server: OpenSSLCLI, fd: Int32) {
        let server = try OpenSSLCLI(["s_server", "-accept", "127.0.0.1:0", "-naccept", "1",
                                     "-cert", TLSFixtures.path("server.pem"), "-key", TLSFixtures.path("server.key")]
                                    + options)
        let banner = try server.receive(until: "\n", after: "ACCEPT 127.0.0.1:")
        guard let port = UInt16(banner.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TLSTestError("s_server printed no port: \(banner)")
        }
        return (server, try connectToLoopback(port: port))
    }

    @Test("a client session verifies s_server's certificate and exchanges bytes over TLS 1.3") func exchange() throws {
        let (server, fd) = try Self.start([])
        defer { close(fd) }
        let session = try TLSSession(context: try TLSFixtures.clientContext(), fileDescriptor: fd, serverName: "localhost")
        try TLSPump.run([TLSPump.handshake(session, fd)])
        #expect(session.negotiatedProtocol == "TLSv1.3")

        try TLSPump.run([TLSPump.write(Array("ping from TLSSession\n".utf8), with: session, fd)])
        #expect(try server.receive(until: "ping from TLSSession\n").hasSuffix("ping from TLSSession\n"))
        try server.send("pong from s_server\n")
        let received = ByteBox()
        try TLSPump.run([TLSPump.read(19, into: received, with: session, fd)])
        #expect(String(decoding: received.bytes, as: UTF8.self) == "pong from s_server\n")
        #expect(try TLSPump.run([TLSPump.Party(fd: fd) { session.shutdown() }]) == [.done(0)])
    }

    @Test("a client session refuses a server that offers only TLS 1.1") func tls11ServerRefused() throws {
        let (server, fd) = try Self.start(["-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"])
        defer { close(fd) }
        let session = try TLSSession(context: try TLSFixtures.clientContext(), fileDescriptor: fd, serverName: "localhost")
        let error = #expect(throws: CryptoError.tlsFailure) { try TLSPump.run([TLSPump.handshake(session, fd)]) }
        #expect(error?.detail.contains("protocol version") == true, "\(String(describing: error))")
        #expect(session.negotiatedProtocol == nil)
        withExtendedLifetime(server) {}
    }
}
