/// The catalogue of SMS and email texts SchoolID sends, in Russian and English.
///
/// Like ``ErrorCode/message(in:)``, every text is an exhaustive `switch`, so a new kind
/// without a text in either language does not compile. SMS texts name the service and
/// their purpose and fit one segment when they carry a code: 70 UTF-16 code units in
/// Russian (UCS-2), 160 ASCII characters in English (GSM 03.38, 7-bit). A message
/// names its purpose and warns not to share the code, because SMS codes are phished
/// (NIST SP 800-63B-4 §3.1.3.3). Only codes and logins are interpolated; nothing else
/// personal goes into a text.
///
/// `description` names the kind only, so a template in a log never shows a code.
public enum MessageTemplate: Hashable, Sendable, CustomStringConvertible {
    /// Confirms the phone of a guardian registering themselves.
    case registrationCode(code: String)
    /// Confirms a new phone number.
    case phoneChangeCode(code: String)
    /// Confirms a new email address.
    case emailChangeCode(code: String)
    /// Proves control of a verified contact to set a new password.
    case passwordRecoveryCode(code: String)
    /// A second factor at login.
    case secondFactorCode(code: String)
    /// Signs an acknowledgement of a document: the SMS names the action and the title
    /// (the caller cuts it to ``Acknowledgement/notificationTitleLength`` characters),
    /// so a person never confirms something they were not shown.
    case acknowledgementCode(code: String, documentTitle: String)
    /// "I don't remember my login": the login, sent to a verified contact.
    case loginReminder(login: String)
    /// "I don't remember my login" for a guardian: their login and the logins of the
    /// children they are actively linked to (issue 7), in the order given. The email
    /// lists every child's login. The SMS lists them too when the whole text fits one
    /// segment (70 UTF-16 code units in Russian, 160 characters in English); otherwise
    /// it names the guardian's login and only counts the children, pointing to the
    /// account, where the children are listed with their logins.
    case familyLoginReminder(login: String, childLogins: [String])
    /// Tells the owner of a phone or email that someone tried to register with it
    /// (the registrant is told nothing different: anti-enumeration).
    case contactAlreadyRegistered
    /// Tells the other contact that the password was changed.
    case passwordChangedNotice
    /// Tells the old phone or email that the account's contact of `kind` was changed
    /// (security settings; the new value is not named).
    case contactChangedNotice(kind: AccountContact.Kind)
    /// Tells every verified contact that staff reset the account's password and
    /// second factors (``DirectoryService/assistedReset(by:accountID:context:)``).
    case assistedResetNotice
    /// Tells the class teacher and the other guardians that a guardian was linked to the
    /// student with this login (issue 7); the guardian is not named.
    case guardianLinkedNotice(studentLogin: String)
    /// To the child's other guardians: a guardian invited a trusted person for the
    /// child (`accepted: false`), or the invitee accepted (`true`); they may revoke it.
    case trustedPersonNotice(studentLogin: String, accepted: Bool)
    /// To each active guardian of a student: a diary service asks them to sign a note
    /// in the diary (issue 10); `title` is the note's title, already cut to
    /// ``Acknowledgement/notificationTitleLength`` characters.
    case acknowledgementRequestedNotice(title: String)

    /// The kind's name, without any interpolated value.
    public var description: String {
        switch self {
        case .registrationCode: "registrationCode"
        case .phoneChangeCode: "phoneChangeCode"
        case .emailChangeCode: "emailChangeCode"
        case .passwordRecoveryCode: "passwordRecoveryCode"
        case .secondFactorCode: "secondFactorCode"
        case .acknowledgementCode: "acknowledgementCode"
        case .loginReminder: "loginReminder"
        case .familyLoginReminder: "familyLoginReminder"
        case .contactAlreadyRegistered: "contactAlreadyRegistered"
        case .passwordChangedNotice: "passwordChangedNotice"
        case .contactChangedNotice: "contactChangedNotice"
        case .assistedResetNotice: "assistedResetNotice"
        case .guardianLinkedNotice: "guardianLinkedNotice"
        case .trustedPersonNotice: "trustedPersonNotice"
        case .acknowledgementRequestedNotice: "acknowledgementRequestedNotice"
        }
    }

    /// The code this message carries, if it is a one-time code message.
    public var code: String? {
        switch self {
        case .registrationCode(let code), .phoneChangeCode(let code), .emailChangeCode(let code),
             .passwordRecoveryCode(let code), .secondFactorCode(let code), .acknowledgementCode(let code, _):
            code
        case .loginReminder, .familyLoginReminder, .contactAlreadyRegistered, .passwordChangedNotice, .contactChangedNotice,
             .assistedResetNotice, .guardianLinkedNotice, .trustedPersonNotice, .acknowledgementRequestedNotice: nil
        }
    }

    /// The SMS text in `language`.
    public func sms(in language: MessageLanguage) -> String {
        switch language {
        case .russian: russianSMS
        case .english: englishSMS
        }
    }

    /// `text` if it fits one SMS segment of `units` UTF-16 code units, else `nil`.
    static func oneSegment(_ text: String, units: Int) -> String? {
        text.utf16.count <= units ? text : nil
    }

    /// The email subject and plain-text body in `language`.
    public func email(in language: MessageLanguage) -> (subject: String, body: String) {
        switch language {
        case .russian: russianEmail
        case .english: englishEmail
        }
    }
}
