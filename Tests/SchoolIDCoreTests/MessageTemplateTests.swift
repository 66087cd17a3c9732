import Foundation
import SchoolIDCore
import Testing

@Suite struct MessageTemplateTests {
    /// A code-carrying template and the words that must name its purpose.
    struct CodeCase: Sendable, CustomTestStringConvertible {
        let template: MessageTemplate
        let russianPurpose: String
        let englishPurpose: String
        var testDescription: String { template.description }
    }

    static let code = "123456"
    static let codeCases: [CodeCase] = [
        CodeCase(template: .registrationCode(code: code), russianPurpose: "регистрац", englishPurpose: "registration"),
        CodeCase(template: .phoneChangeCode(code: code), russianPurpose: "смены телефона", englishPurpose: "change your phone"),
        CodeCase(template: .emailChangeCode(code: code), russianPurpose: "смены почты", englishPurpose: "change your email"),
        CodeCase(template: .passwordRecoveryCode(code: code), russianPurpose: "восстановления пароля",
                 englishPurpose: "password recovery"),
        CodeCase(template: .secondFactorCode(code: code), russianPurpose: "для входа", englishPurpose: "sign-in"),
    ]

    static let longTitle = Acknowledgement.truncatedTitle("Согласие на обработку персональных данных для экскурсии")
    static let allTemplates: [MessageTemplate] = codeCases.map(\.template) + [
        .acknowledgementCode(code: code, documentTitle: longTitle),
        .loginReminder(login: "ivanova.m"), .contactAlreadyRegistered, .passwordChangedNotice,
        .contactChangedNotice(kind: .phone), .contactChangedNotice(kind: .email),
        .guardianLinkedNotice(studentLogin: "s57-7b-01"),
        .familyLoginReminder(login: "ivanova.m", childLogins: ["s57-7b-01", "s57-7b-02"]),
    ]

    @Test("a Russian SMS with a 6-digit code fits one UCS-2 segment, names SchoolID, its purpose and the code",
          arguments: codeCases)
    func russianCodeSMS(_ sample: CodeCase) {
        let text = sample.template.sms(in: .russian)
        #expect(text.utf16.count <= 70, "\(text.utf16.count) UTF-16 code units: \(text)")
        #expect(text.hasPrefix("SchoolID:"))
        #expect(text.contains(sample.russianPurpose))
        #expect(text.contains(Self.code))
        #expect(text.contains("Никому не сообщайте"))
    }

    @Test("an English SMS with a 6-digit code is ASCII in one GSM-7 segment and names its purpose", arguments: codeCases)
    func englishCodeSMS(_ sample: CodeCase) {
        let text = sample.template.sms(in: .english)
        #expect(text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
        #expect(text.count <= 160)
        #expect(text.hasPrefix("SchoolID:"))
        #expect(text.contains(sample.englishPurpose))
        #expect(text.contains(Self.code))
    }

    @Test("the acknowledgement SMS names the action, the title cut to 40 characters and the code, in at most two segments")
    func acknowledgementTitle() {
        let template = MessageTemplate.acknowledgementCode(code: Self.code, documentTitle: Self.longTitle)
        let russian = template.sms(in: .russian), english = template.sms(in: .english)
        #expect(russian.hasPrefix("SchoolID:") && russian.contains("подписать") && russian.contains(Self.code))
        #expect(english.hasPrefix("SchoolID:") && english.contains("to sign") && english.contains(Self.code))
        for text in [russian, english] {
            #expect(text.contains(Self.longTitle) && text.utf16.count <= 2 * 67, "\(text.utf16.count): \(text)")
        }
        for language in MessageLanguage.allCases {
            #expect(template.email(in: language).body.contains(Self.longTitle))
            #expect(template.email(in: language).body.contains(Self.code))
        }
    }

    @Test("a login reminder of the longest login (32 characters) still fits one SMS segment")
    func loginReminderLength() {
        let template = MessageTemplate.loginReminder(login: String(repeating: "a", count: 32))
        #expect(template.sms(in: .russian).utf16.count <= 70)
        #expect(template.sms(in: .english).count <= 160)
    }

    @Test("a family reminder lists the children in the SMS while it fits one segment, else counts them; the email lists all",
          arguments: MessageLanguage.allCases)
    func familyReminderSegments(_ language: MessageLanguage) {
        let units = language == .russian ? 70 : 160
        let few = MessageTemplate.familyLoginReminder(login: "ivanova.m", childLogins: ["s57-7b-01"]).sms(in: language)
        #expect(few.contains("ivanova.m") && few.contains("s57-7b-01") && few.utf16.count <= units)
        let logins = (1...12).map { "s57-7b-\($0 < 10 ? "0" : "")\($0)" }
        let many = MessageTemplate.familyLoginReminder(login: "ivanova.m", childLogins: logins)
        #expect(many.sms(in: language).contains("ivanova.m") && many.sms(in: language).contains("12"))
        #expect(!many.sms(in: language).contains("s57-"))
        #expect(logins.allSatisfy { many.email(in: language).body.contains($0) })
        let none = MessageTemplate.familyLoginReminder(login: "ivanova.m", childLogins: [])
        #expect(none.sms(in: language) == MessageTemplate.loginReminder(login: "ivanova.m").sms(in: language))
    }

    @Test("no SMS, subject or body is empty, in either language", arguments: allTemplates, MessageLanguage.allCases)
    func nothingEmpty(_ template: MessageTemplate, _ language: MessageLanguage) {
        let email = template.email(in: language)
        for text in [template.sms(in: language), email.subject, email.body] {
            #expect(!text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        }
        #expect(!email.subject.contains("\n"))
    }

    @Test("English texts use ASCII only, apart from the dashes and the apostrophe",
          arguments: allTemplates + [.acknowledgementCode(code: code, documentTitle: "Trip consent")])
    func englishASCII(_ template: MessageTemplate) {
        if case .acknowledgementCode(_, let title) = template, title != "Trip consent" { return }
        let email = template.email(in: .english)
        for text in [template.sms(in: .english), email.subject, email.body] {
            #expect(text.unicodeScalars.allSatisfy { $0.isASCII || "–—’".unicodeScalars.contains($0) })
        }
    }

    @Test("every code-carrying template puts the code into its email body", arguments: codeCases)
    func codeInEmail(_ sample: CodeCase) {
        #expect(sample.template.code == Self.code)
        for language in MessageLanguage.allCases {
            #expect(sample.template.email(in: language).body.contains(Self.code))
        }
    }

    @Test("a template's description names the kind and never the code or login")
    func descriptionRedacts() {
        #expect(String(describing: MessageTemplate.registrationCode(code: Self.code)) == "registrationCode")
        #expect(!String(describing: MessageTemplate.loginReminder(login: "ivanova.m")).contains("ivanova"))
        #expect(String(describing: MessageTemplate.familyLoginReminder(login: "ivanova.m", childLogins: ["s57-7b-01"]))
            == "familyLoginReminder")
    }
}
