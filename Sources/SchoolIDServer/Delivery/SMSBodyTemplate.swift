import Foundation
import SchoolIDJOSE

/// The JSON body `HTTPSMSChannel` posts, as a template (`sms_gateway_body_template`), so
/// an aggregator with its own field names needs no code change.
///
/// Placeholders `{{to}}`, `{{text}}` and `{{id}}` are replaced by the value as a JSON
/// string, quotes included: `{"phone": {{to}}, "message": {{text}}, "client_ref": {{id}}}`.
/// The template is checked once, at startup: it must contain `{{to}}` and `{{text}}`, and
/// after substitution with sample values it must be one strict JSON value.
public struct SMSBodyTemplate: Sendable, Hashable {
    /// The template text.
    public let text: String

    /// Today's body, sorted keys: `{"id": …, "text": …, "to": …}`.
    public static let standard = SMSBodyTemplate(unchecked: #"{"id":{{id}},"text":{{text}},"to":{{to}}}"#)

    /// Why a template was refused.
    public enum Invalid: Error, Hashable, CustomStringConvertible {
        /// `{{to}}` or `{{text}}` is absent.
        case missingPlaceholder(String)
        /// With sample values it is not strict JSON.
        case notJSON

        public var description: String {
            switch self {
            case .missingPlaceholder(let name): "must contain {{\(name)}}"
            case .notJSON: "is not JSON once {{to}}, {{text}} and {{id}} are replaced by strings"
            }
        }
    }

    /// Checks a template.
    /// - Throws: ``Invalid``.
    public init(_ text: String) throws(Invalid) {
        for name in ["to", "text"] where !text.contains("{{\(name)}}") { throw .missingPlaceholder(name) }
        self.init(unchecked: text)
        let sample = render(to: "+79161234567", text: "Код \"1\"\n\\ {{to}}", id: "msg_sample")
        guard (try? JSONValue(parsing: sample)) != nil else { throw .notJSON }
    }

    private init(unchecked text: String) { self.text = text }

    /// The body for one message; each value is inserted once, so a value that itself
    /// contains `{{…}}` is never substituted again.
    public func render(to: String, text message: String, id: String) -> [UInt8] {
        let values = ["to": to, "text": message, "id": id]
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            if let close = after.range(of: "}}"), let value = values[String(after[..<close.lowerBound])] {
                output += Self.jsonString(value)
                rest = after[close.upperBound...]
            } else {
                output += "{{"
                rest = after
            }
        }
        output += rest
        return Array(output.utf8)
    }

    /// `value` as a JSON string literal (RFC 8259 §7).
    static func jsonString(_ value: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
