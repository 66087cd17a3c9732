/// HTML forms that post back to SchoolID's own pages, always with the CSRF token.
///
/// Every state-changing page request is a form POST carrying `csrf_token`, the
/// session's synchronizer token (OWASP CSRF Prevention Cheat Sheet, "Synchronizer
/// Token Pattern"); the route compares it with the session's before doing anything.
/// Building forms only through ``render(action:csrfToken:fields:submitLabel:encoding:)``
/// means no form can forget it.
enum Form {
    /// How the browser encodes the body (HTML §4.10.21.7).
    enum Encoding: Sendable {
        /// `application/x-www-form-urlencoded`, for text fields.
        case urlEncoded
        /// `multipart/form-data`, for file upload (rosters).
        case multipart

        /// The `enctype` attribute value.
        var mediaType: String {
            switch self {
            case .urlEncoded: "application/x-www-form-urlencoded"
            case .multipart: "multipart/form-data"
            }
        }
    }

    /// The name of the hidden field that carries the CSRF token.
    static let csrfFieldName = "csrf_token"

    /// `<form method="post" action="…">` with a hidden `csrf_token` input carrying
    /// `csrfToken`, then `fields`, then a submit button.
    /// - Parameters:
    ///   - action: the target path (escaped into the attribute).
    ///   - csrfToken: the session's synchronizer token (escaped).
    ///   - fields: the inputs, e.g. from ``field(name:label:type:value:autocomplete:required:)``.
    ///   - submitLabel: the button text (escaped).
    ///   - encoding: `.multipart` for file upload.
    static func render(
        action: String, csrfToken: String, fields: HTML, submitLabel: String, encoding: Encoding = .urlEncoded
    ) -> HTML {
        """
        <form method="post" action="\(action)" enctype="\(encoding.mediaType)">
        <input type="hidden" name="\(csrfFieldName)" value="\(csrfToken)">
        \(fields)
        <button type="submit">\(submitLabel)</button>
        </form>
        """
    }

    /// A labelled input: `<label for="…">` and `<input id="…" name="…" type="…" …>`;
    /// every value is escaped, `required` is set unless told otherwise.
    /// - Parameters:
    ///   - name: the field name, also its element id (`field-<name>`).
    ///   - label: the visible label text.
    ///   - type: the input type (`text`, `password`, `file`, …).
    ///   - value: the initial value (leave empty for passwords).
    ///   - autocomplete: the autofill token (`username`, `current-password`, `new-password`).
    ///   - required: whether the browser requires a value.
    static func field(
        name: String, label: String, type: String = "text", value: String = "", autocomplete: String? = nil,
        required: Bool = true
    ) -> HTML {
        let id = "field-" + name
        let autocompleteAttribute: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? .empty
        let requiredAttribute: HTML = required ? " required" : .empty
        return """
            <label for="\(id)">\(label)</label>
            <input id="\(id)" name="\(name)" type="\(type)" value="\(value)"\(autocompleteAttribute)\(requiredAttribute)>

            """
    }
}
