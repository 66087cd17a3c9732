/// HTML text that is safe to emit. Interpolating a `String` escapes it (`& < > " '`),
/// interpolating `HTML` embeds it as is.
///
/// Pages are built only from `HTML` values, so text from a request, a roster or the
/// database can reach a page only through ``escape(_:)``: a student named
/// `<script>alert(1)</script>` shows as that text (OWASP XSS Prevention Cheat Sheet,
/// rule 1: encode for the HTML body and for quoted attribute values — the same five
/// characters cover both, as long as attributes are always quoted, which this module's
/// markup does). String literals are trusted markup: they are written by us in source.
/// Only `Int` numbers, `String` (escaped), `HTML` and `[HTML]` can be interpolated; any
/// other type is a compile error, so nothing slips in through `description`.
///
/// ```swift
/// let row: HTML = "<td>\(entry.lastName)</td><td>\(count)</td>"
/// ```
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup, ready to write into a response.
    public private(set) var rendered: String

    /// Wraps markup without escaping it. The loud name is the warning: pass only
    /// markup written in source or produced by this type, never request data.
    public init(unsafeRaw: String) { rendered = unsafeRaw }

    /// A literal is markup written in source.
    public init(stringLiteral value: String) { rendered = value }

    public init(stringInterpolation: StringInterpolation) { rendered = stringInterpolation.output }

    /// The empty fragment.
    public static let empty = HTML(unsafeRaw: "")

    /// Escapes text for an HTML body or a quoted attribute value: `&` → `&amp;`,
    /// `<` → `&lt;`, `>` → `&gt;`, `"` → `&quot;`, `'` → `&#39;`. Escaping is not
    /// idempotent on purpose: text that already reads `&amp;` is shown as typed.
    public static func escape(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": output.append(contentsOf: "&quot;".unicodeScalars)
            case "'": output.append(contentsOf: "&#39;".unicodeScalars)
            default: output.append(scalar)
            }
        }
        return String(output)
    }

    public var description: String { rendered }

    /// Builds `HTML` from a literal with interpolations, escaping every `String`.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        /// A literal segment: trusted markup.
        public mutating func appendLiteral(_ literal: String) { output += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }

        /// A fragment already built as `HTML`: embedded as is.
        public mutating func appendInterpolation(_ html: HTML) { output += html.rendered }

        /// A number in decimal.
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }

        /// Fragments, concatenated in order.
        public mutating func appendInterpolation(_ items: [HTML]) {
            for item in items { output += item.rendered }
        }
    }
}
