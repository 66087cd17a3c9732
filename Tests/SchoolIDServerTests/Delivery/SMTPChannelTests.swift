import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct SMTPChannelTests {
    static let from = Email(rawValue: "noreply@school.example.ru")!
    static let recipient = "parent@example.ru"
    let clock = ManualWallClock(UnixTime(seconds: 1_790_000_000))

    func channel(_ server: FakeSMTPServer, _ security: SMTPSecurity, host: String = "localhost",
                 credentials: (String, String)? = nil, trusting caFile: String = FakeSMTPServer.caFile) throws -> SMTPChannel
    {
        try SMTPChannel(settings: SMTPSettings(host: host, port: server.port, security: security,
                                               credentials: credentials.map { ($0.0, Secret($0.1)) }, from: Self.from,
                                               trustedCAFile: caFile, timeout: .seconds(5)),
                        clock: clock)
    }

    func message(_ text: String, seed: UInt64 = 1) -> OutgoingMessage {
        OutgoingMessage(id: .random(using: SeededRandomSource(seed: seed)), channel: .email,
                        destination: Self.recipient, body: text)
    }

    @Test("delivers in each security mode, with the envelope, headers and Message-ID from the outbox id",
          arguments: [(FakeSMTPServer.Mode.plain, SMTPSecurity.none, "127.0.0.1"),
                      (.startTLS, .startTLS, "localhost"), (.implicitTLS, .tls, "localhost"),
                      (.startTLS, .startTLS, "127.0.0.1")])
    func deliversInEachMode(mode: FakeSMTPServer.Mode, security: SMTPSecurity, host: String) async throws {
        let server = try FakeSMTPServer(mode: mode)
        defer { server.stop() }
        let outgoing = message("Code\n\nYour code is 123456.")
        #expect(try await channel(server, security, host: host).send(outgoing) == .delivered)
        let received = try #require(server.received.first)
        #expect(server.received.count == 1)
        #expect(received.envelopeFrom == Self.from.rawValue && received.recipients == [Self.recipient])
        #expect(received.encrypted == (security != .none))
        #expect(received.subject == "Code" && received.body == "Your code is 123456.")
        #expect(received.messageID == "<\(outgoing.id.rawValue)@schoolid>")
        #expect(received.headers["from"] == Self.from.rawValue && received.headers["to"] == Self.recipient)
        #expect(received.headers["date"] == "Mon, 21 Sep 2026 14:13:20 +0000")
        #expect(received.headers["content-type"] == "text/plain; charset=utf-8")
        #expect(received.headers["content-transfer-encoding"] == "base64")
        #expect(received.headers["mime-version"] == "1.0")
        #expect(server.commands.last == "QUIT")
    }

    @Test("a relay certificate from an untrusted CA is refused before anything is sent")
    func untrustedCertificate() async throws {
        let server = try FakeSMTPServer(mode: .implicitTLS)
        defer { server.stop() }
        let untrusted = Fixtures.url("keys/tls/other-ca.pem").path
        let result = try await channel(server, .tls, trusting: untrusted).send(message("S\n\nB"))
        guard case .retryable(let reason) = result else { Issue.record("expected retryable, got \(result)"); return }
        #expect(reason.hasPrefix("TLS failed"))
        #expect(server.commands.isEmpty && server.received.isEmpty)
    }

    @Test("AUTH PLAIN is sent inside STARTTLS and accepted with the right credentials")
    func authPlain() async throws {
        let server = try FakeSMTPServer(mode: .startTLS, credentials: ("school", "s3cret pass"))
        defer { server.stop() }
        #expect(try await channel(server, .startTLS, credentials: ("school", "s3cret pass")).send(message("S\n\nB")) == .delivered)
        #expect(server.received.count == 1)
        let commands = server.commands
        let starttls = try #require(commands.firstIndex(of: "STARTTLS"))
        let auth = try #require(commands.firstIndex { $0.hasPrefix("AUTH PLAIN ") })
        #expect(starttls < auth)
    }

    @Test("wrong AUTH PLAIN credentials are a permanent failure naming the reply code only")
    func authRefused() async throws {
        let server = try FakeSMTPServer(mode: .implicitTLS, credentials: ("school", "right"))
        defer { server.stop() }
        let result = try await channel(server, .tls, credentials: ("school", "wrong")).send(message("S\n\nB"))
        #expect(result == .permanent("SMTP AUTH answered 535"))
        #expect(server.received.isEmpty)
    }

    @Test("a Russian subject and body round-trip through RFC 2047 and base64 UTF-8")
    func russianRoundTrip() async throws {
        let server = try FakeSMTPServer(mode: .startTLS)
        defer { server.stop() }
        let template = MessageTemplate.passwordRecoveryCode(code: "482915")
        let (subject, body) = template.email(in: .russian)
        let long = subject + " — очень длинная тема письма, которая не помещается в одно закодированное слово"
        #expect(try await channel(server, .startTLS).send(message(template.emailText(in: .russian))) == .delivered)
        #expect(try await channel(server, .startTLS).send(message(EmailText(subject: long, body: body).text, seed: 2)) == .delivered)
        let received = server.received
        #expect(received.map(\.subject) == [subject, long])
        #expect(received.map(\.body) == [body, body])
        #expect(received.allSatisfy { $0.data.utf8.allSatisfy { $0 < 0x80 } })
        #expect(received[1].data.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test("a body line starting with a dot arrives intact, and the data is dot-stuffed on the wire")
    func dotStuffing() async throws {
        let server = try FakeSMTPServer(mode: .plain)
        defer { server.stop() }
        let body = "first\n.\n.hidden line\n..two dots"
        #expect(try await channel(server, .none, host: "127.0.0.1").send(message("Dots\n\n" + body)) == .delivered)
        #expect(server.received.first?.body == body)
        #expect(SMTPMessage.dotStuffed("a\r\n.\r\n.b\r\n..c\nd") == Array("a\r\n..\r\n..b\r\n...c\r\nd\r\n.\r\n".utf8))
    }

    @Test("the end-of-data reply decides the outcome", arguments: [
        (451, DeliveryResult.retryable("SMTP end of data answered 451")),
        (550, .permanent("SMTP end of data answered 550")),
        (554, .permanent("SMTP end of data answered 554")),
    ])
    func replyCodes(code: Int, expected: DeliveryResult) async throws {
        let server = try FakeSMTPServer(mode: .startTLS)
        defer { server.stop() }
        server.respond(with: code)
        let channel = try channel(server, .startTLS)
        #expect(await channel.send(message("S\n\nsecret body")) == expected)
        #expect(server.received.isEmpty)
        #expect(await channel.send(message("S\n\nsecret body")) == .delivered)
        #expect(server.received.count == 1)
    }

    @Test("a server that is not listening is retryable")
    func notListening() async throws {
        let server = try FakeSMTPServer(mode: .plain)
        server.stop()
        let result = try await channel(server, .none, host: "127.0.0.1").send(message("S\n\nB"))
        #expect(result == .retryable("connect failed (errno \(ECONNREFUSED))"))
    }

    @Test("STARTTLS not offered: retryable, and neither envelope nor content goes out in clear")
    func startTLSNotOffered() async throws {
        let server = try FakeSMTPServer(mode: .plain)
        defer { server.stop() }
        let result = try await channel(server, .startTLS, credentials: ("school", "pw")).send(message("S\n\nB"))
        #expect(result == .retryable("SMTP server does not offer STARTTLS"))
        #expect(server.commands == ["EHLO schoolid.invalid", "QUIT"])
        #expect(server.received.isEmpty)
    }

    @Test("a destination that is not an email address is refused for good without connecting")
    func badDestination() async throws {
        let server = try FakeSMTPServer(mode: .plain)
        defer { server.stop() }
        let bad = OutgoingMessage(id: .random(using: SeededRandomSource(seed: 3)), channel: .email,
                                  destination: "a@b.ru>\r\nRCPT TO:<x@y.ru", body: "S\n\nB")
        #expect(try await channel(server, .none, host: "127.0.0.1").send(bad) == .permanent("destination is not an email address"))
        #expect(server.connections == 0)
    }
}
