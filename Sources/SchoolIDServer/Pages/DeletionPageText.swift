import SchoolIDCore

/// The texts of the account deletion page (issue 8), in Russian (the default) and
/// English; shaped like ``PageText`` (exhaustive switches, plain text, no markup).
enum DeletionPageText: PageCatalogue {
    case title, link, intro, consequenceData, consequenceSessions, consequenceChildren, consequenceRecords
    case consequenceLogin, staffNotice, submit, backLink

    /// The Russian text.
    var russian: String {
        switch self {
        case .title: "Удаление учётной записи"
        case .link: "Удалить учётную запись"
        case .intro: "Удаление нельзя отменить. Что произойдёт:"
        case .consequenceData:
            "Ваши имя, телефон, почта, СНИЛС, второй фактор и приглашения доверенных лиц будут уничтожены без возможности восстановления."
        case .consequenceSessions: "Все сеансы завершатся, войти в эту учётную запись будет нельзя."
        case .consequenceChildren:
            "Ваши дети останутся в школе и со своими другими законными представителями; ваша связь с ними прекратится."
        case .consequenceRecords:
            "Журнал безопасности и подписанные подтверждения сохранятся, но в них останется только обезличенный идентификатор."
        case .consequenceLogin: "Ваш логин освободится, и его сможет выбрать другой человек."
        case .staffNotice:
            "Учётные записи сотрудников школы удаляет школа или оператор; учётные записи учеников — администратор школы."
        case .submit: "Удалить учётную запись навсегда"
        case .backLink: "Назад в учётную запись"
        }
    }

    /// The English text (ASCII).
    var english: String {
        switch self {
        case .title: "Delete account"
        case .link: "Delete my account"
        case .intro: "Deletion cannot be undone. What happens:"
        case .consequenceData:
            "Your name, phone, email, SNILS, second factors and trusted-person invitations are destroyed for good."
        case .consequenceSessions: "Every session ends and nobody can sign in to this account again."
        case .consequenceChildren:
            "Your children stay with their school and their other guardians; your link to them ends."
        case .consequenceRecords:
            "The security log and signed acknowledgements are kept, but they keep only a pseudonymous id."
        case .consequenceLogin: "Your login becomes free for someone else to choose."
        case .staffNotice:
            "Staff accounts are deleted by the school or the operator; student accounts by the school admin."
        case .submit: "Delete my account for good"
        case .backLink: "Back to the account"
        }
    }
}
