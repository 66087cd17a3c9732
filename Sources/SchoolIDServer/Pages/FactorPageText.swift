import SchoolIDCore

/// The texts of the account's second-factor pages (`/account/second-factors`), in
/// Russian (the default) and English; shaped like ``PageText`` (exhaustive switches,
/// plain text, no markup). The key and code steps of a TOTP enrolment and the
/// recovery-code sheet reuse ``SecondFactorPageText``; the SMS risk notice is Core's
/// ``NoticeText``.
enum FactorPageText: PageCatalogue {
    case title, link, requiredNotice, optionalNotice, factorsHeading, noFactors, kindTOTP, kindSMS, since, lastUsed
    case never, removeSubmit, stepUpNote, recoveryHeading, recoveryLeft, newCodesSubmit, addHeading, setUpTOTPSubmit
    case useSMSLink, smsUnavailable, totpIntro, newKeySubmit, smsTitle, smsConfirmSubmit, smsEnabledNotice, backLink

    /// The Russian text.
    var russian: String {
        switch self {
        case .title: "Второй фактор"
        case .link: "Второй фактор: приложение-аутентификатор, СМС и резервные коды"
        case .requiredNotice: "Для вашей роли второй фактор обязателен: последний из них удалить нельзя."
        case .optionalNotice: "Второй фактор защищает учётную запись, даже если пароль узнают посторонние."
        case .factorsHeading: "Подключено"
        case .noFactors: "Второй фактор пока не подключён."
        case .kindTOTP: "Приложение-аутентификатор"
        case .kindSMS: "Коды в СМС"
        case .since: "подключено"
        case .lastUsed: "последнее использование"
        case .never: "ещё не использовался"
        case .removeSubmit: "Удалить"
        case .stepUpNote: "Перед удалением фактора или выпуском новых кодов мы попросим подтвердить, что это вы."
        case .recoveryHeading: "Резервные коды"
        case .recoveryLeft: "Осталось неиспользованных кодов"
        case .newCodesSubmit: "Выпустить новые резервные коды"
        case .addHeading: "Добавить"
        case .setUpTOTPSubmit: "Настроить приложение-аутентификатор"
        case .useSMSLink: "Использовать коды в СМС как второй фактор"
        case .smsUnavailable: "Чтобы получать коды в СМС, сначала подтвердите номер телефона в настройках безопасности."
        case .totpIntro: "Установите на телефон приложение-аутентификатор (например, Яндекс Ключ, Google Authenticator, Microsoft Authenticator, FreeOTP или Aegis). После настройки при входе вы будете вводить код из приложения."
        case .newKeySubmit: "Начать заново с новым ключом"
        case .smsTitle: "Коды в СМС как второй фактор"
        case .smsConfirmSubmit: "Понятно, подключить коды в СМС"
        case .smsEnabledNotice: "Коды в СМС подключены как второй фактор."
        case .backLink: "Назад ко второму фактору"
        }
    }

    /// The English text (ASCII).
    var english: String {
        switch self {
        case .title: "Second factor"
        case .link: "Second factor: authenticator app, SMS and recovery codes"
        case .requiredNotice: "Your role requires a second factor: the last one cannot be removed."
        case .optionalNotice: "A second factor protects your account even if someone learns your password."
        case .factorsHeading: "Set up"
        case .noFactors: "No second factor is set up yet."
        case .kindTOTP: "Authenticator app"
        case .kindSMS: "SMS codes"
        case .since: "since"
        case .lastUsed: "last used"
        case .never: "never used"
        case .removeSubmit: "Remove"
        case .stepUpNote: "Before a factor is removed or new codes are made, we ask you to confirm it is you."
        case .recoveryHeading: "Recovery codes"
        case .recoveryLeft: "Unused codes left"
        case .newCodesSubmit: "New recovery codes"
        case .addHeading: "Add"
        case .setUpTOTPSubmit: "Set up an authenticator app"
        case .useSMSLink: "Use SMS codes as a second factor"
        case .smsUnavailable: "To receive SMS codes, first verify your phone number in the security settings."
        case .totpIntro: "Install an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, FreeOTP or Aegis). Once it is set up, you will type a code from the app when you log in."
        case .newKeySubmit: "Start again with a new key"
        case .smsTitle: "SMS codes as a second factor"
        case .smsConfirmSubmit: "I understand, use SMS codes"
        case .smsEnabledNotice: "SMS codes are now your second factor."
        case .backLink: "Back to the second factor"
        }
    }
}
