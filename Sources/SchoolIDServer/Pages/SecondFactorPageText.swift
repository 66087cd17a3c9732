import SchoolIDCore

/// The texts of the second login step and of the TOTP enrolment forced at login, in
/// Russian (the default) and English.
///
/// Kept like ``PageText``: exhaustive switches make a missing translation a compile
/// error; error messages come from the error catalogue; texts are plain (pages escape them).
enum SecondFactorPageText: PageCatalogue {
    case stepTitle, totpIntro, totpField, recoveryIntro, recoveryField, useRecoveryLink, useAppLink
    case sendSMSSubmit, smsIntro, smsField, verifySubmit
    case enrolTitle, enrolIntro, enrolKeyStep, enrolQRLabel, enrolQRCaption, enrolURILink, enrolCodeStep, enrolNewKeyLink
    case enrolSubmit
    case codesTitle, codesIntro, continueLink

    /// The Russian text.
    var russian: String {
        switch self {
        case .stepTitle: "Подтверждение входа"
        case .totpIntro: "Введите шестизначный код из приложения-аутентификатора."
        case .totpField: "Код из приложения"
        case .recoveryIntro: "Введите один из резервных кодов. Каждый код действует только один раз."
        case .recoveryField: "Резервный код"
        case .useRecoveryLink: "Нет доступа к приложению? Войти с резервным кодом"
        case .useAppLink: "Ввести код из приложения"
        case .sendSMSSubmit: "Прислать код в СМС"
        case .smsIntro: "Мы отправили код на ваш телефон. Введите его ниже."
        case .smsField: "Код из СМС"
        case .verifySubmit: "Войти"
        case .enrolTitle: "Настройка приложения-аутентификатора"
        case .enrolIntro: "Учётные записи сотрудников защищены вторым фактором: после пароля вы будете вводить код из приложения-аутентификатора на телефоне (например, Яндекс Ключ, Google Authenticator, Microsoft Authenticator, FreeOTP или Aegis). СМС для сотрудников не подходит. Настройка займёт минуту."
        case .enrolKeyStep: "Добавьте учётную запись в приложении: отсканируйте QR-код, откройте ссылку на этом телефоне или введите ключ вручную:"
        case .enrolQRLabel: "QR-код ключа для приложения-аутентификатора"
        case .enrolQRCaption: "Отсканируйте этот код в приложении-аутентификаторе или воспользуйтесь ключом и ссылкой ниже."
        case .enrolURILink: "Открыть в приложении-аутентификаторе"
        case .enrolCodeStep: "Затем введите шестизначный код, который покажет приложение."
        case .enrolNewKeyLink: "Начать заново с новым ключом"
        case .enrolSubmit: "Подтвердить"
        case .codesTitle: "Ваши резервные коды"
        case .codesIntro: "Если вы потеряете телефон, каждый из этих кодов один раз заменит код из приложения. Распечатайте или перепишите их и храните в надёжном месте. Коды показываются только сейчас."
        case .continueLink: "Продолжить"
        }
    }

    /// The English text.
    var english: String {
        switch self {
        case .stepTitle: "Confirm your login"
        case .totpIntro: "Type the 6-digit code from your authenticator app."
        case .totpField: "Code from the app"
        case .recoveryIntro: "Type one of your recovery codes. Each code works only once."
        case .recoveryField: "Recovery code"
        case .useRecoveryLink: "No access to the app? Use a recovery code"
        case .useAppLink: "Use the code from the app"
        case .sendSMSSubmit: "Send me an SMS code"
        case .smsIntro: "We sent a code to your phone. Type it below."
        case .smsField: "Code from the SMS"
        case .verifySubmit: "Log in"
        case .enrolTitle: "Set up an authenticator app"
        case .enrolIntro: "Staff accounts are protected by a second factor: after the password you will type a code from an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, FreeOTP or Aegis). SMS is not enough for staff. Setting it up takes a minute."
        case .enrolKeyStep: "Add an account in the app: scan the QR code, open the link on this phone, or type the key by hand:"
        case .enrolQRLabel: "QR code of the key for the authenticator app"
        case .enrolQRCaption: "Scan this code with the authenticator app, or use the key and the link below."
        case .enrolURILink: "Open in the authenticator app"
        case .enrolCodeStep: "Then type the 6-digit code the app shows."
        case .enrolNewKeyLink: "Start again with a new key"
        case .enrolSubmit: "Confirm"
        case .codesTitle: "Your recovery codes"
        case .codesIntro: "If you lose your phone, each of these codes replaces the app code once. Print them or write them down and keep them somewhere safe. They are shown only now."
        case .continueLink: "Continue"
        }
    }
}
