import SchoolIDCore

/// An error of one admin form, shown next to its field (or above the form when it
/// belongs to no single field).
struct AdminFormError: Sendable {
    /// Which form on the page (`school`, `staff`, `class`, `client`, `rotate-token`, …).
    let form: String
    /// The field it is about, or `nil`.
    let field: String?
    /// The catalogue message (escaped when rendered).
    let message: String
    /// Safe extra text (a `DomainError` detail), or `nil`.
    var detail: String?

    /// The error of `form` for `code`, placed on the field `fields` names for it.
    init(form: String, code: ErrorCode, detail: String? = nil, fields: [ErrorCode: String], language: MessageLanguage) {
        self.form = form
        field = fields[code]
        message = code.message(in: language)
        self.detail = detail
    }

    init(form: String, field: String?, message: String) {
        self.form = form
        self.field = field
        self.message = message
    }

    /// This form's error when it belongs to no field: the box above the form.
    static func general(_ error: AdminFormError?, form: String) -> HTML {
        guard let error, error.form == form, error.field == nil else { return .empty }
        return PageResponse.errorBox(error.message, detail: error.detail)
    }
}

extension AdminPages {
    /// One labelled control of an admin form; an error for it is rendered right after
    /// the label and tied to the control (`aria-describedby`, `aria-invalid`, WCAG 2.1
    /// §3.3.1), and so is a hint.
    enum Control {
        case input(type: String, value: String)
        case textarea(value: String)
        /// `<select>` with `(value, label)` options.
        case select(options: [(String, String)], selected: String?)
    }

    /// Renders `control` as `<label>` + the control with id `field-<form>-<name>` (ids
    /// stay unique when a page holds several forms).
    static func field(form: String, name: String, label: String, _ control: Control, hint: String? = nil,
                      required: Bool = true, error: AdminFormError?) -> HTML
    {
        let id = "field-\(form)-\(name)"
        let failed = error.flatMap { $0.form == form && $0.field == name ? $0 : nil }
        var described: [String] = []
        var notes: [HTML] = []
        if let hint {
            described.append(id + "-hint")
            notes.append("<p class=\"hint\" id=\"\(id)-hint\">\(hint)</p>\n")
        }
        if let failed {
            described.append(id + "-error")
            let detail: HTML = failed.detail.map { "<br><small>\($0)</small>" } ?? .empty
            notes.append("<p class=\"error\" id=\"\(id)-error\" role=\"alert\">\(failed.message)\(detail)</p>\n")
        }
        var attributes: HTML = required ? " required" : .empty
        if !described.isEmpty { attributes = "\(attributes) aria-describedby=\"\(described.joined(separator: " "))\"" }
        if failed != nil { attributes = "\(attributes) aria-invalid=\"true\"" }
        let element: HTML
        switch control {
        case .input(let type, let value):
            element = "<input id=\"\(id)\" name=\"\(name)\" type=\"\(type)\" value=\"\(value)\"\(attributes)>\n"
        case .textarea(let value):
            element = "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"3\"\(attributes)>\(value)</textarea>\n"
        case .select(let options, let selected):
            let items: [HTML] = options.map { value, label in
                let mark: HTML = value == selected ? " selected" : .empty
                return "<option value=\"\(value)\"\(mark)>\(label)</option>"
            }
            element = "<select id=\"\(id)\" name=\"\(name)\"\(attributes)>\(items)</select>\n"
        }
        return "<label for=\"\(id)\">\(label)</label>\n\(notes)\(element)"
    }
}
