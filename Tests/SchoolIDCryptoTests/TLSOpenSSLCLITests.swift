import Foundation
import SchoolIDCrypto
import Testing

/// A server session against `openssl s_client` over loopback TCP: an independent TLS
/// implementation verifies our chain and speaks each protocol version.
@Suite(.enabled(if: OpenSSLCLI.isAvailable, "needs the openssl command"))
struct TLSOpenSSLCLITests {
    /// One `s_client` connected to a server session; keeps the child, listener and
    /// socket alive together (the child is killed in its own deinit).
    final class Connection {
        let listener: LoopbackListener
        let client: OpenSSLCLI
        let fd: Int32
        let session: TLSSession

        /// Accepts one `s_client` connection with `options` added.
        /// - Parameter verify: whether s_client checks our chain and name against the test CA.
        init(_ options: [String], verify: Bool = true) throws {
            listener = try LoopbackListener()
            let verification = verify
                ? ["-CAfile", TLSFixtures.path("ca.pem"), "-verify_return_error", "-verify_hostname", "localhost"]
                : []
            client = try OpenSSLCLI(["s_client", "-connect", "127.0.0.1:\(listener.port)",
                                     "-servername", "localhost", "-quiet"] + verification + options)
            let fd = try listener.accept()
            do {
                session = try TLSSession(context: try TLSFixtures.serverContext(), fileDescriptor: fd)
            } catch {
                close(fd)
                throw error
            }
            self.fd = fd
        }

        deinit { close(fd) }

        func handshake() throws { try TLSPump.run([TLSPump.handshake(session, fd)]) }
    }

    @Test("s_client verifies the chain and exchanges bytes; TLS 1.3 by default, TLS 1.2 when asked",
          arguments: [([String](), "TLSv1.3"), (["-tls1_2"], "TLSv1.2")])
    func exchange(options: [String], expected: String) throws {
        let connection = try Connection(options)
        let (session, fd) = (connection.session, connection.fd)
        try connection.handshake()
        #expect(session.negotiatedProtocol == expected)

        try connection.client.send("ping from s_client\n")
        let received = ByteBox()
        try TLSPump.run([TLSPump.read(19, into: received, with: session, fd)])
        #expect(String(decoding: received.bytes, as: UTF8.self) == "ping from s_client\n")

        try TLSPump.run([TLSPump.write(Array("pong from TLSSession\n".utf8), with: session, fd)])
        #expect(try connection.client.receive(21) == "pong from TLSSession\n")

        #expect(try TLSPump.run([TLSPump.Party(fd: fd) { session.shutdown() }]) == [.done(0)])
        connection.client.closeInput()
        #expect(connection.client.wait() == 0, "s_client failed: the chain did not verify or the session broke")
    }

    @Test("a TLS 1.1 client is refused") func tls11Refused() throws {
        // s_client itself needs security level 0 to offer TLS 1.1 at all.
        let connection = try Connection(["-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"], verify: false)
        let error = #expect(throws: CryptoError.tlsFailure) { try connection.handshake() }
        #expect(error?.detail.contains("unsupported protocol") == true, "\(String(describing: error))")
        #expect(connection.session.negotiatedProtocol == nil)
        #expect(connection.client.wait() != 0)
    }

    @Test("TLS 1.2 without ECDHE and an AEAD is refused",
          arguments: ["ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384", "AES128-GCM-SHA256"])
    func weakTLS12CipherRefused(cipher: String) throws {
        let connection = try Connection(["-tls1_2", "-cipher", cipher], verify: false)
        let error = #expect(throws: CryptoError.tlsFailure) { try connection.handshake() }
        #expect(error?.detail.contains("no shared cipher") == true, "\(String(describing: error))")
        #expect(connection.client.wait() != 0)
    }
}
