import SchoolIDCore

/// Every text the HTML pages show, in Russian (the default) and English.
///
/// This is the pages' one catalogue, kept like ``ErrorCode/message(in:)``: the
/// exhaustive switches make a missing translation a compile error. Error messages are
/// not repeated here; pages take them from the error catalogue. Texts are plain text
/// (pages escape them); none contains markup.
enum PageText: PageCatalogue {
    // Login
    case loginTitle, loginField, passwordField, loginSubmit
    case expiredTitle, expiredExplanation
    // Password change
    case changeTitle, changeTemporaryIntro, currentPasswordField, newPasswordField, repeatPasswordField, changeSubmit
    case passwordMismatch, loginAgainLink
    // Account
    case accountTitle, loggedInAs, changePasswordLink, logoutSubmit, teacherConsoleLink
    // Teacher console
    case teacherTitle, noClasses, classTitle, studentsHeading, noStudents, columnLogin, columnName, columnLocked
    case yes, no, reissueSubmit, backToClasses
    case uploadHeading, uploadExplanation, uploadFormatColumns, uploadFormatEncoding, uploadField, uploadSubmit
    case reissuedTitle, reissuedExplanation, temporaryPassword, validUntil
    // Batches
    case batchTitle, batchCompleted, batchStatus, statusQueued, statusRunning, statusFinished, statusFailed
    case batchRefreshing, slipsLink, csvLink, oneTimeNote
    // Slips
    case slipsTitle, printHint, slipSchool, slipClass, slipStudent, slipLogin, slipPassword, slipValidUntil
    case slipWhere, slipInstruction
    // Errors
    case errorTitle, backHome, tryAgainIn, secondsShort
    // Frame (issue 11)
    case skipLink, languageSwitchLabel
    // Login hints (issue 11)
    case hintCyrillic, hintCyrillicLetters, hintZeroOrO, hintCapsLock, forgotLoginLink, forgotPasswordLink
    // The password policy in plain words (issue 11)
    case policyHeading, policyMinimumLength, policyCharactersPlural, policyCharactersSingular, policyNoRules
    case policyCommonRefused, policyLoginRefused
    // Browser error pages (issue 11)
    case notFoundTitle, notFoundExplanation, methodNotAllowedTitle, methodNotAllowedExplanation, serverErrorTitle

    /// The Russian text.
    var russian: String {
        switch self {
        case .loginTitle: "Вход в SchoolID"
        case .loginField: "Логин"
        case .passwordField: "Пароль"
        case .loginSubmit: "Войти"
        case .expiredTitle: "Временный пароль больше не действует"
        case .expiredExplanation:
            "Временный пароль действует 30 дней и только до первого входа. Попросите классного руководителя выдать новый временный пароль."
        case .changeTitle: "Смена пароля"
        case .changeTemporaryIntro: "Вы вошли с временным паролем. Придумайте свой пароль, чтобы продолжить."
        case .currentPasswordField: "Текущий пароль"
        case .newPasswordField: "Новый пароль"
        case .repeatPasswordField: "Повторите новый пароль"
        case .changeSubmit: "Сменить пароль"
        case .passwordMismatch: "Новые пароли не совпадают. Введите один и тот же пароль в оба поля."
        case .loginAgainLink: "Войти снова"
        case .accountTitle: "Учётная запись"
        case .loggedInAs: "Вы вошли как"
        case .changePasswordLink: "Сменить пароль"
        case .logoutSubmit: "Выйти"
        case .teacherConsoleLink: "Классы и выдача логинов"
        case .teacherTitle: "Мои классы"
        case .noClasses: "У вас пока нет классов."
        case .classTitle: "Класс"
        case .studentsHeading: "Ученики"
        case .noStudents: "В классе пока нет учеников. Загрузите список класса ниже."
        case .columnLogin: "Логин"
        case .columnName: "Фамилия, имя, отчество"
        case .columnLocked: "Вход заблокирован"
        case .yes: "да"
        case .no: "нет"
        case .reissueSubmit: "Выдать новый временный пароль"
        case .backToClasses: "Ко всем классам"
        case .uploadHeading: "Выдать логины по списку класса"
        case .uploadExplanation: "Загрузите список класса в формате CSV (можно сохранить из Excel). Первая строка — заголовки столбцов."
        case .uploadFormatColumns: "Столбцы: Фамилия; Имя; Отчество; Дата рождения (отчество и дата рождения необязательны, дата в виде 09.03.2014)."
        case .uploadFormatEncoding: "Кодировка UTF-8 или Windows-1251, разделитель «;» или «,»."
        case .uploadField: "Файл со списком класса"
        case .uploadSubmit: "Загрузить и выдать логины"
        case .reissuedTitle: "Новый временный пароль"
        case .reissuedExplanation:
            "Пароль показан только один раз. Перепишите его и передайте ученику; старый временный пароль больше не действует."
        case .temporaryPassword: "Временный пароль"
        case .validUntil: "Действует до"
        case .batchTitle: "Выдача логинов"
        case .batchCompleted: "Готово"
        case .batchStatus: "Состояние"
        case .statusQueued: "в очереди"
        case .statusRunning: "создаются логины"
        case .statusFinished: "готово"
        case .statusFailed: "ошибка: логины не выданы"
        case .batchRefreshing: "Страница обновится сама через несколько секунд."
        case .slipsLink: "Открыть листочки для печати"
        case .csvLink: "Скачать таблицу CSV"
        case .oneTimeNote:
            "Листочки и таблицу можно открыть только по одному разу, и только в течение 15 минут: потом пароли удаляются."
        case .slipsTitle: "Листочки с логинами"
        case .printHint: "Распечатайте страницу и разрежьте по пунктиру. Эту страницу нельзя открыть повторно."
        case .slipSchool: "Школа"
        case .slipClass: "Класс"
        case .slipStudent: "Ученик"
        case .slipLogin: "Логин"
        case .slipPassword: "Временный пароль"
        case .slipValidUntil: "Действует до"
        case .slipWhere: "Где войти"
        case .slipInstruction: "При первом входе придумайте свой пароль: временный пароль действует только один раз."
        case .errorTitle: "Не удалось выполнить действие"
        case .backHome: "На главную"
        case .tryAgainIn: "Повторить можно через"
        case .secondsShort: "с"
        case .skipLink: "Перейти к содержанию"
        case .languageSwitchLabel: "Язык"
        case .hintCyrillic:
            "В логине есть русские буквы. Логин пишется только латинскими буквами (a–z), цифрами и знаками . _ - — переключите раскладку клавиатуры."
        case .hintCyrillicLetters: "Русские буквы в логине:"
        case .hintZeroOrO:
            "Проверьте похожие знаки: цифра 0 и буква o, цифра 1 и буквы l (эль) и i. Сравните с листочком или письмом, где указан логин."
        case .hintCapsLock: "Возможно, включён Caps Lock: все буквы пароля набраны заглавными."
        case .forgotLoginLink: "Не помню логин"
        case .forgotPasswordLink: "Не помню пароль"
        case .policyHeading: "Каким должен быть новый пароль"
        case .policyMinimumLength: "Длина — не меньше"
        case .policyCharactersPlural: "символов. Удобно взять фразу из нескольких слов."
        case .policyCharactersSingular: "символа. Удобно взять фразу из нескольких слов."
        case .policyNoRules: "Особых требований нет: заглавные буквы, цифры и значки не обязательны."
        case .policyCommonRefused: "Не подойдут слишком простые и известные пароли, например 12345678 или qwerty123."
        case .policyLoginRefused: "Не подойдёт пароль, который повторяет логин (в том числе задом наперёд или с цифрами)."
        case .notFoundTitle: "Страница не найдена"
        case .notFoundExplanation: "Такой страницы нет. Проверьте адрес или начните с главной страницы."
        case .methodNotAllowedTitle: "Так эту страницу открыть нельзя"
        case .methodNotAllowedExplanation: "Откройте страницу по ссылке с главной страницы и повторите действие."
        case .serverErrorTitle: "Что-то пошло не так"
        }
    }

    /// The English text (ASCII, like the error catalogue's).
    var english: String {
        switch self {
        case .loginTitle: "Sign in to SchoolID"
        case .loginField: "Login"
        case .passwordField: "Password"
        case .loginSubmit: "Sign in"
        case .expiredTitle: "The temporary password no longer works"
        case .expiredExplanation:
            "A temporary password works for 30 days and only until the first sign-in. Ask your class teacher for a new temporary password."
        case .changeTitle: "Change password"
        case .changeTemporaryIntro: "You signed in with a temporary password. Choose your own password to continue."
        case .currentPasswordField: "Current password"
        case .newPasswordField: "New password"
        case .repeatPasswordField: "Repeat the new password"
        case .changeSubmit: "Change password"
        case .passwordMismatch: "The new passwords do not match. Type the same password in both fields."
        case .loginAgainLink: "Sign in again"
        case .accountTitle: "Account"
        case .loggedInAs: "Signed in as"
        case .changePasswordLink: "Change password"
        case .logoutSubmit: "Sign out"
        case .teacherConsoleLink: "Classes and logins"
        case .teacherTitle: "My classes"
        case .noClasses: "You have no classes yet."
        case .classTitle: "Class"
        case .studentsHeading: "Students"
        case .noStudents: "The class has no students yet. Upload the class list below."
        case .columnLogin: "Login"
        case .columnName: "Full name"
        case .columnLocked: "Sign-in locked"
        case .yes: "yes"
        case .no: "no"
        case .reissueSubmit: "Issue a new temporary password"
        case .backToClasses: "All classes"
        case .uploadHeading: "Issue logins from a class list"
        case .uploadExplanation: "Upload the class list as a CSV file (Excel can save one). The first row holds the column names."
        case .uploadFormatColumns:
            "Columns: Familiya; Imya; Otchestvo; Data rozhdeniya, written in Russian (patronymic and birth date are optional, dates like 09.03.2014)."
        case .uploadFormatEncoding: "Encoding UTF-8 or Windows-1251, separated by \";\" or \",\"."
        case .uploadField: "Class list file"
        case .uploadSubmit: "Upload and issue logins"
        case .reissuedTitle: "New temporary password"
        case .reissuedExplanation:
            "This password is shown only once. Write it down and give it to the student; the old temporary password no longer works."
        case .temporaryPassword: "Temporary password"
        case .validUntil: "Valid until"
        case .batchTitle: "Issuing logins"
        case .batchCompleted: "Done"
        case .batchStatus: "Status"
        case .statusQueued: "queued"
        case .statusRunning: "creating logins"
        case .statusFinished: "finished"
        case .statusFailed: "failed: no logins were issued"
        case .batchRefreshing: "This page refreshes itself every few seconds."
        case .slipsLink: "Open the printable slips"
        case .csvLink: "Download the CSV table"
        case .oneTimeNote: "The slips and the table can each be opened only once, within 15 minutes; then the passwords are deleted."
        case .slipsTitle: "Login slips"
        case .printHint: "Print this page and cut along the dashed lines. This page cannot be opened again."
        case .slipSchool: "School"
        case .slipClass: "Class"
        case .slipStudent: "Student"
        case .slipLogin: "Login"
        case .slipPassword: "Temporary password"
        case .slipValidUntil: "Valid until"
        case .slipWhere: "Where to sign in"
        case .slipInstruction: "At the first sign-in, choose your own password: the temporary one works only once."
        case .errorTitle: "The action could not be completed"
        case .backHome: "Home"
        case .tryAgainIn: "You can try again in"
        case .secondsShort: "s"
        case .skipLink: "Skip to content"
        case .languageSwitchLabel: "Language"
        case .hintCyrillic:
            "The login contains Russian letters. Logins use only Latin letters (a-z), digits and . _ - : switch the keyboard layout."
        case .hintCyrillicLetters: "Russian letters in the login:"
        case .hintZeroOrO:
            "Check look-alike characters: the digit 0 and the letter o, the digit 1 and the letters l (el) and i. Compare with the slip or message that gave the login."
        case .hintCapsLock: "Caps Lock may be on: every letter of the password is upper-case."
        case .forgotLoginLink: "I forgot my login"
        case .forgotPasswordLink: "I forgot my password"
        case .policyHeading: "What the new password needs"
        case .policyMinimumLength: "Length: at least"
        case .policyCharactersPlural: "characters. A phrase of several words is easy to remember."
        case .policyCharactersSingular: "characters. A phrase of several words is easy to remember."
        case .policyNoRules: "Nothing else is required: capitals, digits and symbols are optional."
        case .policyCommonRefused: "Very simple and well-known passwords, such as 12345678 or qwerty123, are refused."
        case .policyLoginRefused: "A password that repeats the login (also backwards or with digits) is refused."
        case .notFoundTitle: "Page not found"
        case .notFoundExplanation: "There is no such page. Check the address or start from the home page."
        case .methodNotAllowedTitle: "This page cannot be opened this way"
        case .methodNotAllowedExplanation: "Open the page through a link from the home page and try again."
        case .serverErrorTitle: "Something went wrong"
        }
    }
}
