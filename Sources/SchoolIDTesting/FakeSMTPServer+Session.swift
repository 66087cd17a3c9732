import Foundation
import SchoolIDServer

extension FakeSMTPServer {
    /// One connection's state.
    private struct Session {
        var encrypted = false
        var authenticated = false
        var from: String?
        var recipients: [String] = []
    }

    /// Serves one connection until QUIT, an error or a 5-second silence.
    func serve(descriptor: Int32) {
        guard let stream = try? SMTPStream(descriptor: descriptor, timeout: .seconds(5)) else { return }
        defer { stream.close() }
        var session = Session()
        do {
            if mode == .implicitTLS, let tls {
                try stream.startTLS(context: tls, serverName: nil)
                session.encrypted = true
            }
            try stream.write(line: "220 fake.smtp ESMTP ready")
            while try handle(try stream.readLine(), on: stream, session: &session) {}
        } catch {
            return
        }
    }

    /// Answers one command; `false` ends the connection.
    private func handle(_ line: String, on stream: SMTPStream, session: inout Session) throws -> Bool {
        state.withLock { $0.commands.append(line) }
        let verb = line.prefix { $0 != " " && $0 != ":" }.uppercased()
        let argument = line.drop { $0 != " " && $0 != ":" }.dropFirst()
        switch verb {
        case "EHLO", "HELO":
            var lines = ["fake.smtp greets you"]
            if mode == .startTLS && !session.encrypted { lines.append("STARTTLS") }
            if credentials != nil && session.encrypted { lines.append("AUTH PLAIN") }
            lines.append("8BITMIME")
            for (index, text) in lines.enumerated() {
                try stream.write(line: "250\(index == lines.count - 1 ? " " : "-")\(text)")
            }
        case "STARTTLS":
            guard mode == .startTLS, !session.encrypted, let tls else { try stream.write(line: "502 5.5.1 not offered"); break }
            try stream.write(line: "220 2.0.0 go ahead")
            try stream.startTLS(context: tls, serverName: nil)
            session = Session(encrypted: true)
        case "AUTH":
            try stream.write(line: authenticate(String(argument), session: &session))
        case "MAIL":
            if mode == .startTLS && !session.encrypted {
                try stream.write(line: "530 5.7.0 Must issue a STARTTLS command first")
            } else if credentials != nil && !session.authenticated {
                try stream.write(line: "530 5.7.0 Authentication required")
            } else {
                session.from = Self.address(in: argument)
                session.recipients = []
                try stream.write(line: "250 2.1.0 OK")
            }
        case "RCPT":
            guard session.from != nil else { try stream.write(line: "503 5.5.1 MAIL first"); break }
            session.recipients.append(Self.address(in: argument))
            try stream.write(line: "250 2.1.5 OK")
        case "DATA":
            guard let from = session.from, !session.recipients.isEmpty else {
                try stream.write(line: "503 5.5.1 RCPT first")
                break
            }
            try stream.write(line: "354 End data with <CR><LF>.<CR><LF>")
            try receive(from: from, session: session, on: stream)
            session.from = nil
            session.recipients = []
        case "RSET", "NOOP":
            session.from = verb == "RSET" ? nil : session.from
            try stream.write(line: "250 2.0.0 OK")
        case "QUIT":
            try stream.write(line: "221 2.0.0 Bye")
            return false
        default:
            try stream.write(line: "500 5.5.2 unknown command")
        }
        return true
    }

    /// Reads the data up to the lone ".", then answers from the script (250 by default).
    private func receive(from: String, session: Session, on stream: SMTPStream) throws {
        var wire: [String] = []
        while true {
            let line = try stream.readLine(maximum: 1 << 20)
            if line == "." { break }
            wire.append(line)
        }
        let code = state.withLock { $0.script.isEmpty ? 250 : $0.script.removeFirst() }
        guard code == 250 else {
            try stream.write(line: "\(code) scripted refusal")
            return
        }
        let data = wire.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }.joined(separator: "\r\n") + "\r\n"
        let message = Self.decode(from: from, recipients: session.recipients, data: data, wire: wire,
                                  encrypted: session.encrypted)
        state.withLock { $0.received.append(message) }
        try stream.write(line: "250 2.0.0 queued")
    }

    /// RFC 4616: `AUTH PLAIN <base64(authzid NUL user NUL password)>`.
    private func authenticate(_ argument: String, session: inout Session) -> String {
        let parts = argument.split(separator: " ")
        guard session.encrypted, let credentials, parts.count == 2, parts[0].uppercased() == "PLAIN",
              let token = Data(base64Encoded: String(parts[1])) else { return "504 5.5.4 unsupported" }
        let fields = token.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 3, fields[1] == credentials.username, fields[2] == credentials.password else {
            return "535 5.7.8 Authentication credentials invalid"
        }
        session.authenticated = true
        return "235 2.7.0 Authentication successful"
    }

    /// The address between `<` and `>` of `FROM:<a@b>` / `TO:<a@b>`.
    private static func address(in argument: Substring) -> String {
        guard let open = argument.firstIndex(of: "<"), let close = argument.lastIndex(of: ">"), open < close else {
            return String(argument)
        }
        return String(argument[argument.index(after: open)..<close])
    }
}
