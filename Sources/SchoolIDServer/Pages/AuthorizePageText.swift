/// The texts of the authorization pages (`/oauth/authorize`): the consent page of a
/// diary service and the error page shown when a request cannot go back to its client.
enum AuthorizePageText: String, PageCatalogue {
    case title, intro, servicesHeading, identityOnly, offlineAccess, childrenHeading, allowSubmit, denySubmit
    case errorTitle, errorExplanation, duplicatedParameter, missingClientID, unknownClient, missingRedirectURI
    case unregisteredRedirectURI, malformedRequest, continueTitle, continueLink, trustedChildrenHeading
    case accountChoiceTitle, accountChoiceIntro, continueAsSubmit, switchAccountSubmit

    var russian: String {
        switch self {
        case .title: "Вход в сервис через SchoolID"
        case .intro: "просит доступ к вашей учётной записи SchoolID."
        case .servicesHeading: "Сервис получит"
        case .identityOnly: "Только идентификатор вашей учётной записи"
        case .offlineAccess: "Доступ, пока вы не выйдете из сервиса"
        case .childrenHeading: "Дети, данные которых увидит сервис"
        case .allowSubmit: "Разрешить"
        case .denySubmit: "Отказать"
        case .errorTitle: "Запрос на вход не принят"
        case .errorExplanation: "Сервис, который отправил вас сюда, составил запрос с ошибкой. Вернитесь в сервис и попробуйте ещё раз или сообщите его службе поддержки."
        case .duplicatedParameter: "Параметр запроса повторяется."
        case .missingClientID: "В запросе не указан сервис (client_id)."
        case .unknownClient: "Сервис не зарегистрирован или отключён."
        case .missingRedirectURI: "В запросе не указан адрес возврата (redirect_uri)."
        case .unregisteredRedirectURI: "Адрес возврата не зарегистрирован для этого сервиса."
        case .malformedRequest: "Запрос составлен неверно."
        case .continueTitle: "Продолжение входа"
        case .continueLink: "Продолжить вход в сервис"
        case .trustedChildrenHeading: "Дети, данные которых вам доверили (сервис увидит указанные разделы)"
        case .accountChoiceTitle: "Какой учётной записью войти?"
        case .accountChoiceIntro: "просит войти через SchoolID. Сейчас вы вошли в SchoolID с логином"
        case .continueAsSubmit: "Продолжить с этой учётной записью"
        case .switchAccountSubmit: "Войти под другой учётной записью"
        }
    }

    var english: String {
        switch self {
        case .title: "Sign in to a service with SchoolID"
        case .intro: "asks for access to your SchoolID account."
        case .servicesHeading: "The service will get"
        case .identityOnly: "Only the identifier of your account"
        case .offlineAccess: "Access until you sign out of the service"
        case .childrenHeading: "Children whose data the service will see"
        case .allowSubmit: "Allow"
        case .denySubmit: "Deny"
        case .errorTitle: "The sign-in request was refused"
        case .errorExplanation: "The service that sent you here made a faulty request. Go back to the service and try again, or tell its support team."
        case .duplicatedParameter: "A request parameter is repeated."
        case .missingClientID: "The request does not name the service (client_id)."
        case .unknownClient: "The service is not registered or is disabled."
        case .missingRedirectURI: "The request does not name the return address (redirect_uri)."
        case .unregisteredRedirectURI: "The return address is not registered for this service."
        case .malformedRequest: "The request is malformed."
        case .continueTitle: "Continuing the sign-in"
        case .continueLink: "Continue to the service"
        case .trustedChildrenHeading: "Children entrusted to you (the service will see the services listed)"
        case .accountChoiceTitle: "Which account do you want to use?"
        case .accountChoiceIntro: "asks you to sign in with SchoolID. You are signed in to SchoolID with the login"
        case .continueAsSubmit: "Continue with this account"
        case .switchAccountSubmit: "Sign in with another account"
        }
    }
}
