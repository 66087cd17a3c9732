import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto

/// One blocking SMTP session that delivers one message (RFC 5321 §3): connect, optional
/// TLS, EHLO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA, QUIT.
///
/// Runs on a thread of its own (see `SMTPChannel`). Outcomes: a 2xx after the data is
/// `.delivered`; a 4xx reply at any step `.retryable`; a 5xx `.permanent`; connection,
/// timeout and TLS failures `.retryable`. Texts name the step and the reply code, never
/// an address or the content.
struct SMTPConnection {
    let settings: SMTPSettings
    /// The client TLS context (`nil` only for ``SMTPSecurity/none``).
    let tls: TLSContext?

    /// A reply or condition that ends the dialogue with `result`.
    private struct Stop: Error { let result: DeliveryResult }

    /// Delivers `data` (already dot-stuffed and terminated) from ``SMTPSettings/from`` to `recipient`.
    func deliver(to recipient: Email, data: [UInt8]) -> DeliveryResult {
        let stream: SMTPStream
        do {
            stream = try SMTPStream.connect(host: settings.host, port: settings.port, timeout: settings.timeout)
        } catch {
            return .retryable(error.description)
        }
        defer { stream.close() }
        do {
            try dialogue(on: stream, recipient: recipient, data: data)
            quit(stream)
            return .delivered
        } catch let stop as Stop {
            quit(stream)
            return stop.result
        } catch let error as SMTPTransportError {
            return .retryable(error.description)
        } catch {
            return .retryable("SMTP failed")
        }
    }

    private func dialogue(on stream: SMTPStream, recipient: Email, data: [UInt8]) throws {
        if settings.security == .tls { try stream.startTLS(context: requireTLS(), serverName: settings.host) }
        try expect(SMTPReply.read(from: stream), [220], "greeting")
        var extensions = try hello(stream)
        if settings.security == .startTLS {
            // RFC 3207 §4: without the keyword the session would stay in clear; a man in the
            // middle can strip it, so this is refused, never a fallback to plain text.
            guard extensions["STARTTLS"] != nil else {
                throw Stop(result: .retryable("SMTP server does not offer STARTTLS"))
            }
            try command("STARTTLS", on: stream, expecting: [220])
            try stream.startTLS(context: requireTLS(), serverName: settings.host)
            // RFC 3207 §4.2: forget what was learnt before TLS and ask again.
            extensions = try hello(stream)
        }
        if let credentials = settings.credentials { try authenticate(credentials, extensions: extensions, on: stream) }
        try command("MAIL FROM:<\(settings.from.rawValue)>", step: "MAIL FROM", on: stream, expecting: [250])
        try command("RCPT TO:<\(recipient.rawValue)>", step: "RCPT TO", on: stream, expecting: [250, 251])
        try command("DATA", on: stream, expecting: [354])
        try stream.write(data)
        try expect(SMTPReply.read(from: stream), 200..<300, "end of data")
    }

    private func hello(_ stream: SMTPStream) throws -> [String: [String]] {
        try stream.write(line: "EHLO \(settings.clientName)")
        let reply = try SMTPReply.read(from: stream)
        try expect(reply, [250], "EHLO")
        return reply.extensions
    }

    /// RFC 4954 with the PLAIN mechanism (RFC 4616 §2: authzid empty, NUL, user, NUL,
    /// password), as an initial response; only ever inside TLS.
    private func authenticate(_ credentials: (username: String, password: Secret<String>),
                              extensions: [String: [String]], on stream: SMTPStream) throws
    {
        guard stream.isEncrypted else { throw Stop(result: .permanent("AUTH refused without TLS")) }
        guard extensions["AUTH"]?.contains("PLAIN") == true else {
            throw Stop(result: .permanent("SMTP server does not offer AUTH PLAIN"))
        }
        let token = Data([0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.unredacted.utf8))
        try command("AUTH PLAIN \(token.base64EncodedString())", step: "AUTH", on: stream, expecting: [235])
    }

    private func command(_ line: String, step: String? = nil, on stream: SMTPStream, expecting codes: Set<Int>) throws {
        try stream.write(line: line)
        try expect(SMTPReply.read(from: stream), codes, step ?? line)
    }

    private func expect(_ reply: SMTPReply, _ codes: some Collection<Int>, _ step: String) throws {
        if codes.contains(reply.code) { return }
        let text = "SMTP \(step) answered \(reply.code)"
        throw Stop(result: (400..<500).contains(reply.code) ? .retryable(text) : .permanent(text))
    }

    private func requireTLS() throws -> TLSContext {
        guard let tls else { throw Stop(result: .permanent("no TLS context")) }
        return tls
    }

    /// RFC 5321 §4.1.1.10, best effort: the outcome is already known.
    private func quit(_ stream: SMTPStream) {
        guard (try? stream.write(line: "QUIT")) != nil else { return }
        _ = try? SMTPReply.read(from: stream)
    }
}
