import SchoolIDCore

/// The texts of the recovery pages (`/recover…`), in Russian (the default) and English.
///
/// Kept like ``PageText``: exhaustive switches make a missing translation a compile
/// error; plain text only (pages escape it). None of them says whether an account
/// exists: every confirmation is conditional ("if …, we sent …").
enum RecoveryPageText: PageCatalogue {
    case forgotLink
    case chooseTitle, chooseIntro, forgotLoginChoice, forgotPasswordChoice
    case loginTitle, loginIntro, contactField, loginSubmit, loginSentTitle, loginSent
    case passwordTitle, passwordIntro, identifierField, passwordSubmit
    case confirmTitle, confirmIntro, smsCodeField, emailCodeField, emailCodeHint, newPasswordField, repeatPasswordField
    case confirmSubmit, resendSubmit, resent, passwordMismatch
    case doneTitle, done, loginLink


    /// The Russian text.
    var russian: String {
        switch self {
        case .forgotLink: "Не помню логин или пароль"
        case .chooseTitle: "Восстановление доступа"
        case .chooseIntro: "Укажите вашу проблему:"
        case .forgotLoginChoice: "Я не помню логин"
        case .forgotPasswordChoice: "Я не помню пароль"
        case .loginTitle: "Напомнить логин"
        case .loginIntro: "Укажите подтверждённый телефон или адрес электронной почты из вашей учётной записи."
        case .contactField: "Телефон или электронная почта"
        case .loginSubmit: "Прислать логин"
        case .loginSentTitle: "Проверьте телефон или почту"
        case .loginSent: "Если этот телефон или адрес подтверждён в учётной записи, мы отправили на него логин."
        case .passwordTitle: "Восстановить пароль"
        case .passwordIntro: "Укажите логин, подтверждённый телефон или адрес электронной почты."
        case .identifierField: "Логин, телефон или электронная почта"
        case .passwordSubmit: "Получить код"
        case .confirmTitle: "Новый пароль"
        case .confirmIntro:
            "Если учётная запись найдена, мы отправили код в SMS на подтверждённый телефон, а если подтверждена и почта — второй код в письме."
        case .smsCodeField: "Код из SMS"
        case .emailCodeField: "Код из письма"
        case .emailCodeHint: "Если у вас подтверждена электронная почта, нужен и код из письма."
        case .newPasswordField: "Новый пароль"
        case .repeatPasswordField: "Повторите новый пароль"
        case .confirmSubmit: "Сменить пароль"
        case .resendSubmit: "Отправить коды ещё раз"
        case .resent: "Если учётная запись найдена, мы отправили новые коды."
        case .passwordMismatch: "Новые пароли не совпадают. Введите один и тот же пароль в оба поля."
        case .doneTitle: "Пароль изменён"
        case .done: "Пароль изменён, все сеансы завершены. Войдите с новым паролем."
        case .loginLink: "Войти"
        }
    }

    /// The English text.
    var english: String {
        switch self {
        case .forgotLink: "Forgot your login or password?"
        case .chooseTitle: "Recover access"
        case .chooseIntro: "Specify your problem:"
        case .forgotLoginChoice: "I don't remember my login"
        case .forgotPasswordChoice: "I don't remember my password"
        case .loginTitle: "Remind me of my login"
        case .loginIntro: "Enter the confirmed phone number or email address of your account."
        case .contactField: "Phone or email"
        case .loginSubmit: "Send my login"
        case .loginSentTitle: "Check your phone or email"
        case .loginSent: "If this phone or address is confirmed in an account, we have sent the login to it."
        case .passwordTitle: "Recover my password"
        case .passwordIntro: "Enter your login, confirmed phone number or email address."
        case .identifierField: "Login, phone or email"
        case .passwordSubmit: "Get a code"
        case .confirmTitle: "New password"
        case .confirmIntro:
            "If the account was found, we sent a code by SMS to its confirmed phone and, if its email is confirmed too, a second code by email."
        case .smsCodeField: "Code from the SMS"
        case .emailCodeField: "Code from the email"
        case .emailCodeHint: "If you have a confirmed email, the code from the email is needed too."
        case .newPasswordField: "New password"
        case .repeatPasswordField: "Repeat the new password"
        case .confirmSubmit: "Change password"
        case .resendSubmit: "Send the codes again"
        case .resent: "If the account was found, we sent new codes."
        case .passwordMismatch: "The new passwords differ. Type the same password in both fields."
        case .doneTitle: "Password changed"
        case .done: "Your password was changed and every session was ended. Log in with the new password."
        case .loginLink: "Log in"
        }
    }
}
