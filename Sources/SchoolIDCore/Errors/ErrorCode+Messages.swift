extension ErrorCode {
    /// The user-facing message for this code in `language`.
    ///
    /// This is the service's one message catalogue; pages and JSON errors render it.
    public func message(in language: MessageLanguage) -> String {
        switch language {
        case .russian: russian
        case .english: english
        }
    }

    /// The Russian text. The exhaustive switch makes a missing text a compile error.
    var russian: String {
        switch self {
        case .identifierInvalid: "Неверный идентификатор."
        case .schoolCodeInvalid: "Код школы должен состоять из 2–12 латинских строчных букв и цифр."
        case .loginInvalidLength: "Длина логина должна быть от 3 до 32 символов."
        case .loginInvalidCharacter:
            "Логин может содержать только латинские буквы, цифры, точку, дефис и подчёркивание."
        case .loginCyrillicLookalike:
            "Логин набран с русскими буквами, похожими на латинские. Переключите раскладку на английскую."
        case .loginInvalidFormat: "Логин должен начинаться и заканчиваться буквой или цифрой."
        case .loginPatternOverflow: "Номер не помещается в шаблон логина: расширьте шаблон в политике."
        case .phoneInvalidFormat: "Введите номер телефона в формате +7 916 123-45-67."
        case .phoneInvalidLength: "В номере телефона неверное количество цифр."
        case .emailInvalidFormat: "Неверный адрес электронной почты."
        case .emailInvalidDomain: "Неверный домен в адресе электронной почты."
        case .snilsInvalidFormat: "СНИЛС должен содержать 11 цифр: 123-456-789 01."
        case .snilsInvalidChecksum: "Неверное контрольное число СНИЛС. Проверьте цифры."
        case .passwordEmpty: "Введите пароль."
        case .passwordTooShort: "Пароль слишком короткий."
        case .passwordTooLong: "Пароль слишком длинный."
        case .passwordInvalidCharacter: "Пароль содержит недопустимые управляющие символы."
        case .passwordBlocklisted: "Этот пароль слишком распространён или был в утечках. Выберите другой."
        case .passwordContainsLogin: "Пароль не должен совпадать с логином или быть его вариантом."
        case .permissionDenied: "Недостаточно прав для этого действия."
        case .accountLocked: "Слишком много неудачных попыток. Вход временно заблокирован."
        case .retryLater: "Слишком много попыток. Повторите позже."
        }
    }

    /// The English text.
    var english: String {
        switch self {
        case .identifierInvalid: "Invalid identifier."
        case .schoolCodeInvalid: "A school code is 2–12 lower-case Latin letters and digits."
        case .loginInvalidLength: "A login must be 3 to 32 characters long."
        case .loginInvalidCharacter: "A login may contain only Latin letters, digits, dot, hyphen and underscore."
        case .loginCyrillicLookalike:
            "The login was typed with Cyrillic letters that look like Latin ones. Switch the keyboard to English."
        case .loginInvalidFormat: "A login must start and end with a letter or a digit."
        case .loginPatternOverflow: "The number does not fit the login pattern: widen the pattern in the policy."
        case .phoneInvalidFormat: "Enter the phone number as +7 916 123-45-67."
        case .phoneInvalidLength: "The phone number has the wrong number of digits."
        case .emailInvalidFormat: "Invalid email address."
        case .emailInvalidDomain: "Invalid domain in the email address."
        case .snilsInvalidFormat: "A SNILS has 11 digits: 123-456-789 01."
        case .snilsInvalidChecksum: "The SNILS check digits do not match. Check the number."
        case .passwordEmpty: "Enter a password."
        case .passwordTooShort: "The password is too short."
        case .passwordTooLong: "The password is too long."
        case .passwordInvalidCharacter: "The password contains control characters."
        case .passwordBlocklisted: "This password is too common or has appeared in breaches. Choose another."
        case .passwordContainsLogin: "The password must not be the login or a variant of it."
        case .permissionDenied: "You are not allowed to do this."
        case .accountLocked: "Too many failed attempts. Sign-in is temporarily locked."
        case .retryLater: "Too many attempts. Try again later."
        }
    }
}
