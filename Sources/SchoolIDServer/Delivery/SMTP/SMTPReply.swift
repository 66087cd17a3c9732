/// One SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines.
package struct SMTPReply: Sendable, Hashable {
    /// The reply code, 200–599.
    package let code: Int
    /// The text after each line's code (for EHLO, the greeting then one extension per line).
    package let lines: [String]

    package init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// Reads a reply: lines `ddd-text` continue it, the line `ddd text` (or `ddd`) ends it,
    /// and every line must carry the same code (RFC 5321 §4.2.1).
    /// - Throws: ``SMTPTransportError/malformedReply`` or what reading throws.
    package static func read(from stream: SMTPStream) throws(SMTPTransportError) -> SMTPReply {
        var lines: [String] = []
        var code: Int?
        while lines.count < 100 {
            let line = Array(try stream.readLine().utf8)
            guard line.count >= 3, line[..<3].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let lineCode = Int(String(decoding: line[..<3], as: UTF8.self)), (200...599).contains(lineCode),
                  code == nil || code == lineCode else { throw .malformedReply }
            code = lineCode
            let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else { throw .malformedReply }
            lines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
            if separator == UInt8(ascii: " ") { return SMTPReply(code: lineCode, lines: lines) }
        }
        throw .malformedReply
    }

    /// The EHLO extension keywords, upper-cased (RFC 5321 §4.1.1.1: every line but the first).
    package var extensions: [String: [String]] {
        var result: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            result[keyword] = Array(words.dropFirst())
        }
        return result
    }
}
