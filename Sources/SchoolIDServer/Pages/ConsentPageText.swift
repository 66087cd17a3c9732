import SchoolIDCore

/// The consent pages' texts (issue 8), in Russian (the default) and English: the
/// consent step at login, the account page, and the lines the registration and
/// children pages show about consent.
enum ConsentPageText: PageCatalogue {
    case title, loginIntro, operatorLabel, versionLabel, acceptSubmit, accountIntro, accountLink
    case givenTitle, givenNone, givenOwn, givenForChild, currentGiven, registrationCheckbox, textSummary
    case linkingNotice, textLink

    /// The Russian text.
    var russian: String {
        switch self {
        case .title: "Согласие на обработку персональных данных"
        case .loginIntro: "Текст согласия изменился. Чтобы продолжить, прочитайте его и подтвердите согласие — за себя и за детей, которых вы представляете."
        case .operatorLabel: "Оператор:"
        case .versionLabel: "Версия текста:"
        case .acceptSubmit: "Я согласен (согласна)"
        case .accountIntro: "Здесь видно, какие согласия вы дали. Отозвать согласие можно, удалив учётную запись или прекратив связь с ребёнком через школу."
        case .accountLink: "Согласие на обработку персональных данных"
        case .givenTitle: "Данные согласия"
        case .givenNone: "Согласий пока нет."
        case .givenOwn: "за себя"
        case .givenForChild: "как законный представитель ребёнка"
        case .currentGiven: "Вы дали согласие на текущую версию текста."
        case .registrationCheckbox: "Я даю согласие на обработку моих персональных данных и персональных данных моих детей на условиях, изложенных выше"
        case .textSummary: "Текст согласия на обработку персональных данных"
        case .linkingNotice: "Подтверждая связь с ребёнком, вы как законный представитель даёте согласие на обработку его персональных данных."
        case .textLink: "Текст согласия"
        }
    }

    /// The English text.
    var english: String {
        switch self {
        case .title: "Consent to the processing of personal data"
        case .loginIntro: "The consent text has changed. To continue, read it and give your consent — for yourself and for the children you represent."
        case .operatorLabel: "Operator:"
        case .versionLabel: "Text version:"
        case .acceptSubmit: "I agree"
        case .accountIntro: "These are the consents you have given. To withdraw consent, delete your account or end the link with a child through the school."
        case .accountLink: "Consent to the processing of personal data"
        case .givenTitle: "Consents given"
        case .givenNone: "No consents yet."
        case .givenOwn: "for yourself"
        case .givenForChild: "as the child’s legal representative"
        case .currentGiven: "You have consented to the current version of the text."
        case .registrationCheckbox: "I consent to the processing of my personal data and my children’s personal data on the terms above"
        case .textSummary: "The consent to the processing of personal data"
        case .linkingNotice: "By confirming a link with a child you, as their legal representative, consent to the processing of their personal data."
        case .textLink: "Consent text"
        }
    }
}
