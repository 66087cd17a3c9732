/// An email as the outbox stores it: one string holding the subject, a blank line, then
/// the plain-text body (`"Subject\n\nBody…"`).
///
/// The outbox seals one body string per message whatever the channel; this is the
/// convention that lets an email's subject travel with it. ``MessageTemplate/emailText(in:)``
/// writes it and `SMTPChannel` reads it back with ``init(_:)``.
public struct EmailText: Sendable, Hashable {
    /// One line: line breaks are replaced by spaces (a header cannot hold them, and a
    /// newline in it would end the subject early).
    public let subject: String
    /// The plain-text body, `\n` line endings.
    public let body: String

    /// - Parameters:
    ///   - subject: the subject; any CR or LF becomes a space.
    ///   - body: the plain-text body.
    public init(subject: String, body: String) {
        self.subject = String(subject.map { $0.isNewline ? " " : $0 })
        self.body = body
    }

    /// Splits stored text at its first blank line (`"\n\n"`): the subject before, the
    /// body after. Text without a blank line is all body, with an empty subject.
    /// - Parameter text: the outbox body of an email.
    public init(_ text: String) {
        // CRLF (and any stray CR) reads as LF, so "\r\n\r\n" separates too.
        let normalised = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\r" }))
        guard let separator = normalised.firstRange(of: "\n\n") else {
            self.init(subject: "", body: normalised)
            return
        }
        self.init(subject: String(normalised[..<separator.lowerBound]),
                  body: String(normalised[separator.upperBound...]))
    }

    /// The stored form: subject, blank line, body.
    public var text: String { subject + "\n\n" + body }
}

extension MessageTemplate {
    /// The email in `language` as one outbox body: subject, blank line, body (see
    /// ``EmailText``). Enqueue email with this; `SMTPChannel` splits it again.
    public func emailText(in language: MessageLanguage) -> String {
        let (subject, body) = email(in: language)
        return EmailText(subject: subject, body: body).text
    }
}
