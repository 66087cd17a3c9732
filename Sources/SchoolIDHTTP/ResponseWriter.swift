/// Serializes responses to exact HTTP/1.1 bytes (RFC 9112 §4, §6).
public enum ResponseWriter {
    /// `HTTP/1.1 100 Continue` and the empty line (RFC 9110 §15.2.1).
    public static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Serializes a response: status line, the headers as given, then a computed
    /// `Content-Length` and `Connection: close` when `!keepAlive`; CRLF line ends.
    ///
    /// - Any `Content-Length` or `Transfer-Encoding` in `response.headers` is dropped
    ///   (the writer frames the message), and so is `Connection` when `!keepAlive`.
    /// - `headRequest`: the body is omitted, `Content-Length` is still its length
    ///   (RFC 9110 §9.3.2).
    /// - 1xx, 204 and 304 carry neither `Content-Length` nor a body (RFC 9110 §8.6,
    ///   RFC 9112 §6.3 ¶1) — a deliberate exception to "always".
    /// - Defence in depth against response splitting: a field whose name is not a
    ///   token is dropped, and CR, LF, NUL and other controls in values and in the
    ///   reason phrase become SP.
    public static func serialize(_ response: Response, keepAlive: Bool, headRequest: Bool) -> [UInt8] {
        let code = response.status.code
        let bodyless = (100..<200).contains(code) || code == 204 || code == 304
        var out: [UInt8] = []
        out.reserveCapacity(128 + response.headers.count * 48 + (headRequest || bodyless ? 0 : response.body.count))
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        out.append(contentsOf: String(code).utf8)
        out.append(HTTPSyntax.space)
        appendSanitized(response.status.reason, to: &out)
        out.append(contentsOf: [HTTPSyntax.cr, HTTPSyntax.lf])
        for field in response.headers.fields {
            switch field.key {
            case "content-length", "transfer-encoding": continue
            case "connection" where !keepAlive: continue
            default: break
            }
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPSyntax.isToken) else { continue }
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            appendSanitized(field.value, to: &out)
            out.append(contentsOf: [HTTPSyntax.cr, HTTPSyntax.lf])
        }
        if !bodyless {
            out.append(contentsOf: "Content-Length: ".utf8)
            out.append(contentsOf: String(response.body.count).utf8)
            out.append(contentsOf: [HTTPSyntax.cr, HTTPSyntax.lf])
        }
        if !keepAlive {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        }
        out.append(contentsOf: [HTTPSyntax.cr, HTTPSyntax.lf])
        if !headRequest && !bodyless {
            out.append(contentsOf: response.body)
        }
        return out
    }

    private static func appendSanitized(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            out.append(HTTPSyntax.isFieldValue(byte) ? byte : HTTPSyntax.space)
        }
    }
}
