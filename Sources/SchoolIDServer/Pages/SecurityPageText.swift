import SchoolIDCore

/// The texts of the security settings pages, in Russian (the default) and English;
/// shaped like ``PageText`` (exhaustive switches, plain text, no markup).
enum SecurityPageText: PageCatalogue {
    case title, link, sessionsHeading, sessionCreated, sessionLastSeen, thisSession, revokeSubmit, revokeOthersSubmit
    case contactsHeading, phone, email, none, verified, unverified, changePhoneLink, changeEmailLink
    case newPhoneField, newEmailField, sendCodeSubmit, codeTitle, codeExplanation, codeField, confirmSubmit, backLink


    /// The Russian text.
    var russian: String {
        switch self {
        case .title: "Безопасность"
        case .link: "Безопасность: сеансы, телефон и почта"
        case .sessionsHeading: "Где выполнен вход"
        case .sessionCreated: "Вход"
        case .sessionLastSeen: "Последняя активность"
        case .thisSession: "этот сеанс"
        case .revokeSubmit: "Завершить"
        case .revokeOthersSubmit: "Завершить все другие сеансы"
        case .contactsHeading: "Телефон и почта"
        case .phone: "Телефон"
        case .email: "Почта"
        case .none: "не указан"
        case .verified: "подтверждён"
        case .unverified: "не подтверждён"
        case .changePhoneLink: "Сменить телефон"
        case .changeEmailLink: "Сменить почту"
        case .newPhoneField: "Новый номер телефона"
        case .newEmailField: "Новый адрес почты"
        case .sendCodeSubmit: "Получить код"
        case .codeTitle: "Введите код"
        case .codeExplanation: "Мы отправили код на новый номер или адрес. Код действует 10 минут."
        case .codeField: "Код"
        case .confirmSubmit: "Подтвердить"
        case .backLink: "Назад к настройкам безопасности"
        }
    }

    /// The English text (ASCII).
    var english: String {
        switch self {
        case .title: "Security"
        case .link: "Security: sessions, phone and email"
        case .sessionsHeading: "Where you are signed in"
        case .sessionCreated: "Signed in"
        case .sessionLastSeen: "Last active"
        case .thisSession: "this session"
        case .revokeSubmit: "End"
        case .revokeOthersSubmit: "End all other sessions"
        case .contactsHeading: "Phone and email"
        case .phone: "Phone"
        case .email: "Email"
        case .none: "not set"
        case .verified: "verified"
        case .unverified: "not verified"
        case .changePhoneLink: "Change phone"
        case .changeEmailLink: "Change email"
        case .newPhoneField: "New phone number"
        case .newEmailField: "New email address"
        case .sendCodeSubmit: "Send code"
        case .codeTitle: "Enter the code"
        case .codeExplanation: "We sent a code to the new number or address. It is valid for 10 minutes."
        case .codeField: "Code"
        case .confirmSubmit: "Confirm"
        case .backLink: "Back to security settings"
        }
    }
}
