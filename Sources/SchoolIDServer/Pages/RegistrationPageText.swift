import SchoolIDCore

/// The registration pages' texts, in Russian (the default) and English.
///
/// Kept like ``PageText``: exhaustive switches make a missing translation a compile
/// error; error messages come from the error catalogue; texts are plain (pages escape them).
enum RegistrationPageText: PageCatalogue {
    case registerLink, registerTitle, registerIntro
    case lastNameField, firstNameField, patronymicField, phoneField, emailField, passwordField, repeatPasswordField
    case loginField, loginHint, registerSubmit, passwordMismatch
    case codeTitle, codeIntro, codeField, newLoginField, confirmSubmit, resendSubmit, codeResent, haveAccountLink
    case emailCodeTitle, emailCodeIntro, emailCodeField, emailCodeSubmit, emailLaterLink
    case emailConfirmedTitle, emailConfirmedText, accountLink


    /// The Russian text.
    var russian: String {
        switch self {
        case .registerLink: "Регистрация для родителей"
        case .registerTitle: "Регистрация родителя"
        case .registerIntro: "Мы пришлём код в СМС на ваш номер телефона. Контрольные вопросы не нужны: доступ восстанавливается через подтверждённые телефон и почту."
        case .lastNameField: "Фамилия"
        case .firstNameField: "Имя"
        case .patronymicField: "Отчество (если есть)"
        case .phoneField: "Мобильный телефон"
        case .emailField: "Электронная почта (необязательно)"
        case .passwordField: "Пароль"
        case .repeatPasswordField: "Повторите пароль"
        case .loginField: "Логин (необязательно)"
        case .loginHint: "Латинские буквы, цифры, точка, дефис, подчёркивание. Если оставить пустым, логин придумаем мы."
        case .registerSubmit: "Получить код"
        case .passwordMismatch: "Пароли не совпадают. Введите один и тот же пароль в оба поля."
        case .codeTitle: "Подтверждение телефона"
        case .codeIntro: "Введите код из СМС. Если код не пришёл, запросите новый."
        case .codeField: "Код из СМС"
        case .newLoginField: "Другой логин (если выбранный занят)"
        case .confirmSubmit: "Подтвердить"
        case .resendSubmit: "Отправить код ещё раз"
        case .codeResent: "Новый код отправлен."
        case .haveAccountLink: "Уже есть учётная запись? Войти"
        case .emailCodeTitle: "Подтверждение почты"
        case .emailCodeIntro: "Телефон подтверждён, учётная запись создана. На вашу почту пришло письмо с кодом: введите его, чтобы через почту тоже можно было восстановить доступ."
        case .emailCodeField: "Код из письма"
        case .emailCodeSubmit: "Подтвердить почту"
        case .emailLaterLink: "Подтвердить позже (в разделе «Безопасность»)"
        case .emailConfirmedTitle: "Почта подтверждена"
        case .emailConfirmedText: "Спасибо! Теперь восстановить доступ можно и через почту."
        case .accountLink: "Перейти в личный кабинет"
        }
    }

    /// The English text.
    var english: String {
        switch self {
        case .registerLink: "Registration for parents"
        case .registerTitle: "Parent registration"
        case .registerIntro: "We will text a code to your phone. No security questions: access is recovered through your verified phone and email."
        case .lastNameField: "Last name"
        case .firstNameField: "First name"
        case .patronymicField: "Patronymic (if any)"
        case .phoneField: "Mobile phone"
        case .emailField: "Email (optional)"
        case .passwordField: "Password"
        case .repeatPasswordField: "Repeat the password"
        case .loginField: "Login (optional)"
        case .loginHint: "Latin letters, digits, dot, hyphen, underscore. Leave it empty and we will make one up."
        case .registerSubmit: "Send me a code"
        case .passwordMismatch: "The passwords do not match. Type the same password in both fields."
        case .codeTitle: "Confirm your phone"
        case .codeIntro: "Type the code from the SMS. If it did not come, ask for a new one."
        case .codeField: "Code from the SMS"
        case .newLoginField: "Another login (if the chosen one is taken)"
        case .confirmSubmit: "Confirm"
        case .resendSubmit: "Send the code again"
        case .codeResent: "A new code was sent."
        case .haveAccountLink: "Already registered? Log in"
        case .emailCodeTitle: "Confirm your email"
        case .emailCodeIntro: "Your phone is confirmed and your account is ready. We emailed you a code: type it so that your email can recover access too."
        case .emailCodeField: "Code from the email"
        case .emailCodeSubmit: "Confirm email"
        case .emailLaterLink: "Confirm later (under Security)"
        case .emailConfirmedTitle: "Email confirmed"
        case .emailConfirmedText: "Thank you! Your email can now recover access too."
        case .accountLink: "Go to your account"
        }
    }
}
