import SchoolIDCore

/// The texts of the step-up page (`/step-up`), in Russian (the default) and English;
/// shaped like ``PageText``. Code fields, the SMS button and its intro reuse
/// ``SecondFactorPageText``.
enum StepUpPageText: PageCatalogue {
    case title, intro, totpIntro, recoveryIntro, useRecoveryLink, useAppLink, confirmSubmit, noMethod, cancelLink

    /// The Russian text.
    var russian: String {
        switch self {
        case .title: "Подтвердите, что это вы"
        case .intro: "Для этого действия нужно заново подтвердить вход кодом. После подтверждения повторите действие."
        case .totpIntro: "Введите шестизначный код из приложения-аутентификатора."
        case .recoveryIntro: "Введите один из резервных кодов. Каждый код действует только один раз."
        case .useRecoveryLink: "Нет доступа к приложению? Ввести резервный код"
        case .useAppLink: "Ввести код из приложения"
        case .confirmSubmit: "Подтвердить"
        case .noMethod: "У учётной записи нет ни второго фактора, ни подтверждённого телефона, поэтому подтвердить действие нечем. Подтвердите телефон или обратитесь к администратору школы."
        case .cancelLink: "Отмена"
        }
    }

    /// The English text (ASCII).
    var english: String {
        switch self {
        case .title: "Confirm it is you"
        case .intro: "This action needs a fresh confirmation with a code. Once confirmed, repeat the action."
        case .totpIntro: "Type the 6-digit code from your authenticator app."
        case .recoveryIntro: "Type one of your recovery codes. Each code works only once."
        case .useRecoveryLink: "No access to the app? Use a recovery code"
        case .useAppLink: "Use the code from the app"
        case .confirmSubmit: "Confirm"
        case .noMethod: "This account has neither a second factor nor a verified phone, so there is nothing to confirm with. Verify your phone or ask your school administrator."
        case .cancelLink: "Cancel"
        }
    }
}
