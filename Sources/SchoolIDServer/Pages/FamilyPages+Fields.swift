import Foundation
import SchoolIDCore
import SchoolIDHTTP

extension FamilyPages {
    /// An error to show on a family form, next to the field it is about (or at the top
    /// of the form when it is about no single field).
    struct FieldError: Sendable {
        /// Which form on the page (pages with several forms name each one).
        let form: String
        /// The field name, or `nil` for the whole form.
        let field: String?
        /// The catalogue message (escaped when rendered).
        let message: String

        /// The error box for `field` of `form`, or nothing when the error is elsewhere.
        func box(form: String, field: String?) -> HTML {
            guard self.form == form, self.field == field else { return .empty }
            let id = "error-\(form)-\(field ?? "form")"
            return "<p class=\"error\" role=\"alert\" id=\"\(id)\">\(message)</p>\n"
        }
    }

    /// A labelled input whose element id is unique on the page (`field-<form>-<name>`),
    /// with its error box above it; an input in error is marked `aria-invalid` and
    /// described by the box (WCAG 2.2 §3.3.1). Every value is escaped.
    static func input(form: String, name: String, label: String, type: String = "text", value: String = "",
                      autocomplete: String? = nil, required: Bool = true, error: FieldError? = nil) -> HTML
    {
        let id = "field-\(form)-\(name)"
        let box = error?.box(form: form, field: name) ?? .empty
        let invalid: HTML = box == .empty ? .empty : " aria-invalid=\"true\" aria-describedby=\"error-\(form)-\(name)\""
        let autocompleteAttribute: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? .empty
        let requiredAttribute: HTML = required ? " required" : .empty
        return """
            \(box)<label for="\(id)">\(label)</label>
            <input id="\(id)" name="\(name)" type="\(type)" value="\(value)"\(autocompleteAttribute)\(requiredAttribute)\(invalid)>

            """
    }

    /// A labelled `<select>` of `options` (value, text); the first is preselected.
    static func select(form: String, name: String, label: String, options: [(String, String)]) -> HTML {
        let id = "field-\(form)-\(name)"
        let items: [HTML] = options.map { "<option value=\"\($0.0)\">\($0.1)</option>" }
        return """
            <label for="\(id)">\(label)</label>
            <select id="\(id)" name="\(name)" required>\(items)</select>

            """
    }

    /// The relation select (`relation`), mother first.
    static func relationSelect(form: String, language: MessageLanguage) -> HTML {
        select(form: form, name: "relation", label: FamilyPageText.relationField.text(in: language),
               options: GuardianLink.Relation.allCases.map { ($0.rawValue, relationText($0, language)) })
    }

    /// How a relation reads on a page.
    static func relationText(_ relation: GuardianLink.Relation, _ language: MessageLanguage) -> String {
        let key: FamilyPageText = switch relation {
        case .mother: .relationMother
        case .father: .relationFather
        case .legalRepresentative: .relationLegalRepresentative
        case .other: .relationOther
        }
        return key.text(in: language)
    }

    /// The `relation` field of a form.
    /// - Throws: ``APIError`` `bad_request` for a missing or unknown relation (the
    ///   page's select offers only known ones).
    static func relation(_ fields: [String: String]) throws -> GuardianLink.Relation {
        guard let relation = GuardianLink.Relation(rawValue: fields["relation"] ?? "") else {
            throw APIError(.badRequest, field: "relation")
        }
        return relation
    }

    /// Phone or SNILS, exactly one of the two form fields (`phone`, `snils`).
    /// - Throws: `DomainError` `.inviteeInvalid` (neither or both), the phone's or
    ///   SNILS's own syntax error.
    static func phoneOrSNILS(_ fields: [String: String]) throws -> TrustedInvitee.Identifier {
        let phone = (fields["phone"] ?? "").trimmingCharacters(in: .whitespaces)
        let snils = (fields["snils"] ?? "").trimmingCharacters(in: .whitespaces)
        switch (phone.isEmpty, snils.isEmpty) {
        case (false, true): return .phone(try PhoneNumber(parsing: phone))
        case (true, false): return .snils(try SNILS(parsing: snils))
        default: throw DomainError(.inviteeInvalid)
        }
    }

    /// The field a phone-or-SNILS error is about.
    static func identifierField(_ code: ErrorCode) -> String {
        switch code {
        case .snilsInvalid: "snils"
        default: "phone"
        }
    }
}
