import Foundation

extension FakeSMTPServer {
    /// Splits a received message into unfolded headers and a base64-decoded body.
    static func decode(from: String, recipients: [String], data: String, wire: [String], encrypted: Bool) -> Received {
        let lines = data.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var headers: [String: String] = [:]
        var fields: [String] = []
        var index = 0
        while index < lines.count, !lines[index].isEmpty {
            let line = String(lines[index])
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1] += line
            } else {
                fields.append(line)
            }
            index += 1
        }
        for field in fields {
            guard let colon = field.firstIndex(of: ":") else { continue }
            headers[field[..<colon].lowercased()] = field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyText = lines.dropFirst(index + 1).joined()
        let decoded = Data(base64Encoded: bodyText).map { String(decoding: $0, as: UTF8.self) } ?? bodyText
        return Received(envelopeFrom: from, recipients: recipients, data: data, wireLines: wire, headers: headers,
                        subject: decodeWords(headers["subject"] ?? ""),
                        body: decoded.replacingOccurrences(of: "\r\n", with: "\n"),
                        messageID: headers["message-id"], encrypted: encrypted)
    }

    /// RFC 2047 §6: decodes `=?UTF-8?B?…?=` words; white space between two encoded words
    /// is dropped (§6.2), other text is kept.
    static func decodeWords(_ text: String) -> String {
        var output: [UInt8] = []
        var previousWasEncoded = false
        var pendingSpace = ""
        for token in text.split(separator: " ", omittingEmptySubsequences: false) {
            if token.hasPrefix("=?"), token.hasSuffix("?="), token.uppercased().hasPrefix("=?UTF-8?B?"),
               let bytes = Data(base64Encoded: String(token.dropFirst(10).dropLast(2))) {
                if !previousWasEncoded { output += Array(pendingSpace.utf8) }
                output += bytes
                previousWasEncoded = true
            } else {
                output += Array(pendingSpace.utf8) + Array(token.utf8)
                previousWasEncoded = false
            }
            pendingSpace = " "
        }
        return String(decoding: output, as: UTF8.self)
    }
}
