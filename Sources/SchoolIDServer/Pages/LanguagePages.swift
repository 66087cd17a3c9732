import SchoolIDCore
import SchoolIDHTTP

/// `GET /language?lang=ru|en&return_to=<page>`: the language switch of every page's
/// header. It remembers the choice in the `schoolid_lang` cookie (a year, `Path=/`,
/// `SameSite=Lax`, HttpOnly, `Secure` when the session cookie is) and answers `303` back
/// to the page, which ``Request/pageLanguage`` then renders in that language before any
/// `Accept-Language`.
///
/// `return_to` is followed only when it is a local path (one leading `/`, not `//`, no
/// `\`): anything else goes to `/`, so the switch is no open redirect (OWASP
/// Unvalidated Redirects Cheat Sheet). A `GET` that only sets a preference needs no
/// CSRF token: the worst a cross-site link can do is change the page language.
struct LanguagePages: Sendable {
    /// The cookie's name.
    static let cookieName = "schoolid_lang"
    /// One year, in seconds.
    static let cookieMaxAge = 365 * 24 * 3600

    /// Whether the cookie gets `Secure`.
    let secure: Bool

    /// `GET /language`.
    func choose(_ request: Request) async throws -> Response {
        let items = try? request.queryItems()
        let target = items?["return_to"].flatMap(Self.localPath) ?? Routes.home
        var headers = HTTPHeaders()
        if let language = items?["lang"].flatMap(MessageLanguage.init(rawValue:)) {
            // A language code and `/` are always a valid cookie value and path.
            headers.add(try! SetCookie(name: Self.cookieName, value: language.rawValue, path: "/",
                                       maxAge: Self.cookieMaxAge, secure: secure, httpOnly: true, sameSite: .lax))
        }
        return PageResponse.redirect(to: target, headers: headers)
    }

    /// `path` when it is a path on this origin: it starts with exactly one `/` and holds
    /// no `\` (which browsers read as `/`) and no control character; otherwise `nil`.
    static func localPath(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"),
              !path.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else { return nil }
        return path
    }
}

extension MessageLanguage {
    /// The language's own name, as the switch shows it (the same in every page language).
    var endonym: String {
        switch self {
        case .russian: "Русский"
        case .english: "English"
        }
    }
}
