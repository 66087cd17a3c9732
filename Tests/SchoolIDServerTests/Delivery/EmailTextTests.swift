import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import Testing

@Suite struct EmailTextTests {
    @Test("splits at the first blank line", arguments: [
        ("Subject\n\nBody\n\nmore", "Subject", "Body\n\nmore"),
        ("Subject\r\n\r\nBody", "Subject", "Body"),
        ("no blank line", "", "no blank line"),
        ("\n\nonly body", "", "only body"),
    ])
    func splits(text: String, subject: String, body: String) {
        let email = EmailText(text)
        #expect(email.subject == subject && email.body == body)
    }

    @Test("emailText(in:) is the template's subject, a blank line and its body, and parses back")
    func templateRoundTrip() {
        let template = MessageTemplate.registrationCode(code: "123456")
        for language in [MessageLanguage.russian, .english] {
            let (subject, body) = template.email(in: language)
            #expect(template.emailText(in: language) == subject + "\n\n" + body)
            #expect(EmailText(template.emailText(in: language)) == EmailText(subject: subject, body: body))
        }
    }

    @Test("a subject cannot carry a line break")
    func subjectIsOneLine() {
        #expect(EmailText(subject: "a\r\nBcc: x@y.ru", body: "b").subject == "a Bcc: x@y.ru")
    }

    @Test("RFC 5322 date and RFC 2047 subject encoding")
    func headers() {
        #expect(SMTPMessage.rfc5322Date(UnixTime(seconds: 0)) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(SMTPMessage.encodedSubject("Plain ASCII") == "Plain ASCII")
        #expect(SMTPMessage.encodedSubject("Код") == "=?UTF-8?B?0JrQvtC0?=")
    }
}
