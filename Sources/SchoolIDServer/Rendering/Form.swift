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

    /// A note under a field, tied to it by `aria-describedby` while it is shown (WCAG
    /// 2.1 §3.3.1, §1.3.1). A hidden note is rendered with `hidden` for the page script to
    /// show (``AssetScript``).
    struct Hint: Sendable {
        /// The element id (unique on the page).
        let id: String
        /// The note's content.
        let text: HTML
        /// Whether the server shows it now.
        let visible: Bool
    }

    /// A labelled input: `<label for="…">` and `<input id="…" name="…" type="…" …>`;
    /// every value is escaped, `required` is set unless told otherwise. An error is
    /// shown under the input as `<p class="field-error" id="field-<name>-error">`, and
    /// the input gets `aria-invalid="true"` and `aria-describedby` naming it and every
    /// visible hint.
    /// - Parameters:
    ///   - name: the field name, also its element id (`field-<name>`).
    ///   - label: the visible label text.
    ///   - type: the input type (`text`, `password`, `file`, …).
    ///   - value: the initial value (leave empty for passwords).
    ///   - autocomplete: the autofill token (`username`, `current-password`, `new-password`).
    ///   - required: whether the browser requires a value.
    ///   - error: the field's error message, if any.
    ///   - hints: notes under the field (after the error).
    ///   - invalid: marks the field `aria-invalid` without an error of its own (a refused
    ///     login: the form-level error box, named in `describedBy`, is about it).
    ///   - describedBy: ids of other elements describing the field (a form-level error box).
    ///   - attributes: extra trusted attributes, each starting with a space (`data-…`).
    static func field(
        name: String, label: String, type: String = "text", value: String = "", autocomplete: String? = nil,
        required: Bool = true, error: String? = nil, hints: [Hint] = [], invalid: Bool = false,
        describedBy: [String] = [],
        attributes: HTML = .empty
    ) -> HTML {
        let id = "field-" + name
        let errorID = id + "-error"
        let autocompleteAttribute: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? .empty
        let requiredAttribute: HTML = required ? " required" : .empty
        let described = describedBy + (error == nil ? [] : [errorID]) + hints.filter(\.visible).map(\.id)
        let describedAttribute: HTML = described.isEmpty ? .empty
            : " aria-describedby=\"\(described.joined(separator: " "))\""
        let invalidAttribute: HTML = error == nil && !invalid ? .empty : " aria-invalid=\"true\""
        let errorLine: HTML = error.map { "<p class=\"field-error\" id=\"\(errorID)\">\($0)</p>\n" } ?? .empty
        let notes: [HTML] = hints.map { hint in
            let hidden: HTML = hint.visible ? .empty : " hidden"
            return "<p class=\"hint\" id=\"\(hint.id)\"\(hidden)>\(hint.text)</p>\n"
        }
        return """
            <label for="\(id)">\(label)</label>
            <input id="\(id)" name="\(name)" type="\(type)" value="\(value)"\(autocompleteAttribute)\(requiredAttribute)\
            \(invalidAttribute)\(describedAttribute)\(attributes)>
            \(errorLine)\(notes)
            """
    }
}
