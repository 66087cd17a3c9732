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
        case .badRequest: "Неверный запрос."
        case .badRequestLine: "Неверная строка запроса."
        case .bareLineFeed: "Строки запроса должны заканчиваться CRLF."
        case .uriTooLong: "Адрес запроса слишком длинный."
        case .headerTooLarge: "Заголовки запроса слишком велики."
        case .tooManyHeaders: "В запросе слишком много заголовков."
        case .invalidHeaderName: "Недопустимое имя заголовка."
        case .invalidHeaderValue: "Недопустимое значение заголовка."
        case .whitespaceBeforeColon: "Пробел перед двоеточием в заголовке запрещён."
        case .obsoleteLineFolding: "Перенос заголовка на следующую строку запрещён."
        case .missingHost: "В запросе должен быть ровно один заголовок Host."
        case .contentLengthAndTransferEncoding: "Нельзя одновременно указывать Content-Length и Transfer-Encoding."
        case .duplicateContentLength: "Заголовок Content-Length указан несколько раз."
        case .invalidContentLength: "Неверное значение Content-Length."
        case .unsupportedTransferEncoding: "Поддерживается только Transfer-Encoding: chunked."
        case .invalidChunk: "Неверный фрагмент тела запроса (chunked)."
        case .bodyTooLarge: "Тело запроса слишком велико."
        case .expectationFailed: "Значение заголовка Expect не поддерживается."
        case .methodNotImplemented: "Этот метод HTTP не поддерживается."
        case .versionNotSupported: "Поддерживаются только HTTP/1.0 и HTTP/1.1."
        case .requestTimeout: "Запрос не был получен вовремя."
        case .notFound: "Страница или ресурс не найдены."
        case .methodNotAllowed: "Этот метод не поддерживается для данного адреса."
        case .unsupportedMediaType: "Неподдерживаемый тип содержимого."
        case .invalidJSON: "Тело запроса не является корректным JSON нужного вида."
        case .serviceBusy: "Сервис перегружен. Повторите через несколько секунд."
        case .notReady: "Сервис ещё не готов."
        case .unauthorized: "Требуется авторизация."
        case .serverError: "Внутренняя ошибка сервиса. Сообщите номер запроса в поддержку."
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
        case .badRequest: "The request is malformed."
        case .badRequestLine: "The request line is malformed."
        case .bareLineFeed: "Request lines must end with CRLF."
        case .uriTooLong: "The request URI is too long."
        case .headerTooLarge: "The request headers are too large."
        case .tooManyHeaders: "The request has too many headers."
        case .invalidHeaderName: "Invalid header name."
        case .invalidHeaderValue: "Invalid header value."
        case .whitespaceBeforeColon: "Whitespace before a header colon is not allowed."
        case .obsoleteLineFolding: "Folded header lines are not allowed."
        case .missingHost: "The request must carry exactly one Host header."
        case .contentLengthAndTransferEncoding: "Content-Length and Transfer-Encoding must not both be present."
        case .duplicateContentLength: "Content-Length appears more than once."
        case .invalidContentLength: "Invalid Content-Length."
        case .unsupportedTransferEncoding: "Only Transfer-Encoding: chunked is supported."
        case .invalidChunk: "Malformed chunked body."
        case .bodyTooLarge: "The request body is too large."
        case .expectationFailed: "The Expect header value is not supported."
        case .methodNotImplemented: "This HTTP method is not supported."
        case .versionNotSupported: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .requestTimeout: "The request was not received in time."
        case .notFound: "Not found."
        case .methodNotAllowed: "This method is not allowed for this resource."
        case .unsupportedMediaType: "Unsupported content type."
        case .invalidJSON: "The body is not valid JSON of the expected shape."
        case .serviceBusy: "The service is busy. Retry in a few seconds."
        case .notReady: "The service is not ready."
        case .unauthorized: "Authorization required."
        case .serverError: "Internal error. Give the request id to support."
        }
    }
}
