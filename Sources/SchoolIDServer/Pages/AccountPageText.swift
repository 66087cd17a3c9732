import SchoolIDCore

/// The account page's texts (the dashboard), in Russian (the default) and English.
enum AccountPageText: PageCatalogue {
    case toDoHeading, waitingSignatures, waitingInvitations, childrenHeading, childrenAll
    case familyHeading, securityHeading, dataHeading, staffHeading

    /// The Russian text.
    var russian: String {
        switch self {
        case .toDoHeading: "Ждёт вашего ответа"
        case .waitingSignatures: "Записи на подпись"
        case .waitingInvitations: "Приглашения стать доверенным лицом"
        case .childrenHeading: "Дети"
        case .childrenAll: "Все дети, привязка ребёнка, новый временный пароль"
        case .familyHeading: "Семья"
        case .securityHeading: "Вход и безопасность"
        case .dataHeading: "Мои данные"
        case .staffHeading: "Работа в школе"
        }
    }

    /// The English text.
    var english: String {
        switch self {
        case .toDoHeading: "Waiting for you"
        case .waitingSignatures: "Notes to sign"
        case .waitingInvitations: "Invitations to be a trusted person"
        case .childrenHeading: "Children"
        case .childrenAll: "All children, linking a child, a new temporary password"
        case .familyHeading: "Family"
        case .securityHeading: "Sign-in and security"
        case .dataHeading: "My data"
        case .staffHeading: "School work"
        }
    }
}
