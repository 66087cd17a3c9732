/// Parsing the `Cookie` request header (RFC 6265 §4.2, §5.4).
public enum Cookie {
    /// Name/value pairs of a `Cookie` header: `name=value` separated by `;`.
    ///
    /// Pairs whose name is not a token or whose value has characters outside
    /// `cookie-octet` (RFC 6265 §4.1.1) are skipped; one pair of surrounding double
    /// quotes is removed. When a name repeats, the first wins (user agents send the
    /// most specific path first, RFC 6265 §5.4).
    public static func parse(header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for pair in header.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = pair[..<equals].trimmingOWS()
            var value = pair[pair.index(after: equals)...].trimmingOWS()
            if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") {
                value = value.dropFirst().dropLast()
            }
            guard isName(name), isValue(value), cookies[String(name)] == nil else { continue }
            cookies[String(name)] = String(value)
        }
        return cookies
    }

    /// `cookie-name = token` (RFC 6265 §4.1.1, RFC 9110 §5.6.2).
    static func isName(_ name: some StringProtocol) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(HTTPSyntax.isToken)
    }

    /// `*cookie-octet`: printable ASCII except SP, `"`, `,`, `;` and `\\` (RFC 6265 §4.1.1).
    static func isValue(_ value: some StringProtocol) -> Bool {
        value.utf8.allSatisfy { byte in
            byte >= 0x21 && byte <= 0x7E && byte != 0x22 && byte != 0x2C && byte != 0x3B && byte != 0x5C
        }
    }
}

extension Request {
    /// The cookies of every `Cookie` field line (RFC 6265 §5.4), first value per name.
    public var cookies: [String: String] {
        Cookie.parse(header: headers.values(for: "Cookie").joined(separator: "; "))
    }
}
