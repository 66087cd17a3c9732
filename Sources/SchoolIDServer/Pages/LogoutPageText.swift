/// The texts of RP-initiated logout (`/oauth/logout`): the confirmation page, the
/// signed-out page and the error page of a request that cannot go back to its client.
enum LogoutPageText: String, PageCatalogue {
    case confirmTitle, confirmIntro, confirmClient, confirmSubmit, signedOutTitle, signedOutText, signInLink
    case errorTitle, errorExplanation, duplicatedParameter, unknownClient, clientMismatch, redirectWithoutClient
    case unregisteredRedirectURI, malformedRequest

    var russian: String {
        switch self {
        case .confirmTitle: "Выйти из SchoolID?"
        case .confirmIntro: "Вы выйдете из SchoolID в этом браузере. Сервисы, в которые вы вошли через этот вход, потеряют к нему доступ."
        case .confirmClient: "Выход запросил сервис:"
        case .confirmSubmit: "Выйти"
        case .signedOutTitle: "Вы вышли из SchoolID"
        case .signedOutText: "Вход в этом браузере завершён."
        case .signInLink: "Войти снова"
        case .errorTitle: "Запрос на выход не принят"
        case .errorExplanation: "Сервис, который отправил вас сюда, составил запрос с ошибкой. Вы можете выйти из SchoolID на странице учётной записи."
        case .duplicatedParameter: "Параметр запроса повторяется."
        case .unknownClient: "Сервис не зарегистрирован или отключён."
        case .clientMismatch: "Сервис в запросе не совпадает с сервисом, которому был выдан вход."
        case .redirectWithoutClient: "Адрес возврата указан без сервиса, которому он принадлежит."
        case .unregisteredRedirectURI: "Адрес возврата после выхода не зарегистрирован для этого сервиса."
        case .malformedRequest: "Запрос составлен неверно."
        }
    }

    var english: String {
        switch self {
        case .confirmTitle: "Sign out of SchoolID?"
        case .confirmIntro: "You will be signed out of SchoolID in this browser. Services you signed in to with this sign-in lose access through it."
        case .confirmClient: "The sign-out was asked for by:"
        case .confirmSubmit: "Sign out"
        case .signedOutTitle: "You are signed out of SchoolID"
        case .signedOutText: "The sign-in in this browser has ended."
        case .signInLink: "Sign in again"
        case .errorTitle: "The sign-out request was refused"
        case .errorExplanation: "The service that sent you here made a faulty request. You can sign out of SchoolID on your account page."
        case .duplicatedParameter: "A request parameter is repeated."
        case .unknownClient: "The service is not registered or is disabled."
        case .clientMismatch: "The service in the request is not the one the sign-in was issued to."
        case .redirectWithoutClient: "A return address was given without the service it belongs to."
        case .unregisteredRedirectURI: "The post-logout return address is not registered for this service."
        case .malformedRequest: "The request is malformed."
        }
    }
}
