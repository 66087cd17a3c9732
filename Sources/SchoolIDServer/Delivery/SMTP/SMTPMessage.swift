import Foundation
import SchoolIDBase
import SchoolIDCore

/// The RFC 5322 message `SMTPChannel` sends after `DATA`: pure text in, bytes out.
///
/// ```
/// From: <from>
/// To: <to>
/// Subject: =?UTF-8?B?…?=          (RFC 2047 encoded words when not plain ASCII)
/// Date: Mon, 14 Sep 2026 12:26:40 +0000
/// Message-ID: <msg_…@schoolid>
/// MIME-Version: 1.0
/// Content-Type: text/plain; charset=utf-8
/// Content-Transfer-Encoding: base64
///
/// <body in base64, 76-character lines>
/// ```
/// The Message-ID is the outbox id: delivery is at-least-once, and a receiving system
/// can drop a second copy by it (RFC 5322 §3.6.4).
package enum SMTPMessage {
    /// The message text with CRLF line endings, before dot-stuffing.
    /// - Parameters:
    ///   - id: the outbox id, used as the Message-ID's left part.
    ///   - email: the subject and body.
    ///   - from: the `From:` address.
    ///   - to: the `To:` address.
    ///   - date: the `Date:` header's time.
    package static func text(id: OutboxMessage.ID, email: EmailText, from: Email, to: Email, date: UnixTime) -> String {
        let body = Data(email.body.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let headers = [
            "From: \(from.rawValue)",
            "To: \(to.rawValue)",
            "Subject: \(encodedSubject(email.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(id.rawValue)@schoolid>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        let encoded = body.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn,
                                                         .endLineWithLineFeed])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n"
    }

    /// The `DATA` payload (RFC 5321 §4.5.2): each line starting with "." gets another
    /// ".", bare LF becomes CRLF, and the CRLF "." CRLF terminator follows.
    package static func dotStuffed(_ text: String) -> [UInt8] {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var output = ""
        for line in lines {
            if line.hasPrefix(".") { output += "." }
            output += line + "\r\n"
        }
        return Array((output + ".\r\n").utf8)
    }

    /// The subject as is when it is printable ASCII, otherwise RFC 2047 §4.1 "B"
    /// encoded words of UTF-8, each at most 75 characters (§2), folded onto lines of their
    /// own that stay under 76 characters with the `Subject: ` name (§2).
    package static func encodedSubject(_ subject: String) -> String {
        if subject.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && subject.utf8.count <= 900 {
            return subject
        }
        // 36 bytes are 48 base64 characters: a 60-character word, 69 with "Subject: ".
        // A character is never split across two words (§5 rule 3).
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in subject {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 36, !chunk.isEmpty {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?=" }

    /// RFC 5322 §3.3 date-time in UTC: `Mon, 14 Sep 2026 12:26:40 +0000`.
    package static func rfc5322Date(_ time: UnixTime) -> String {
        var seconds = time_t(time.seconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(parts.tm_mday) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }
}
