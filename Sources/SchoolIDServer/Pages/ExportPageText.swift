import SchoolIDCore

/// The texts of the export pages, in Russian (the default) and English; shaped like
/// ``PageText`` (exhaustive switches, plain text, no markup).
enum ExportPageText: PageCatalogue {
    case title, link, explanation, contents, childrenNote, stepUpNote, download, backLink

    /// The Russian text.
    var russian: String {
        switch self {
        case .title: "Мои данные"
        case .link: "Выгрузить мои данные"
        case .explanation: "Вы можете получить всё, что SchoolID хранит о вас и о детях, которых вы представляете, одним файлом в формате JSON."
        case .contents: "В файле: профиль (ФИО, дата рождения), логин, телефон и почта, СНИЛС, способы входа (без секретов), сеансы, связи с детьми, приглашения доверенных лиц, школы и классы, а также журнал событий за последние 180 дней."
        case .childrenNote: "Для каждого ребёнка, которого вы представляете, — те же сведения, кроме его сеансов и паролей."
        case .stepUpNote: "Перед выгрузкой мы попросим подтвердить вход вторым фактором. Храните файл бережно: в нём персональные данные."
        case .download: "Скачать файл"
        case .backLink: "Назад в личный кабинет"
        }
    }

    /// The English text (ASCII).
    var english: String {
        switch self {
        case .title: "My data"
        case .link: "Download my data"
        case .explanation: "You can get everything SchoolID holds about you and the children you represent as one JSON file."
        case .contents: "The file holds your profile (names, birth date), login, phone and email, SNILS, sign-in methods (without secrets), sessions, links to children, trusted-person invitations, schools and classes, and the event log of the last 180 days."
        case .childrenNote: "For each child you represent, the same data except their sessions and passwords."
        case .stepUpNote: "Before the download we ask you to confirm with a second factor. Keep the file safe: it holds personal data."
        case .download: "Download the file"
        case .backLink: "Back to my account"
        }
    }
}
