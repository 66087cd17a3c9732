import SchoolIDCore
import SchoolIDHTTP

extension Request {
    /// The language the page is shown in: the switch's `schoolid_lang` cookie
    /// (``LanguagePages``) first, then `Accept-Language`, Russian by default.
    var pageLanguage: MessageLanguage {
        if let chosen = cookies[LanguagePages.cookieName].flatMap(MessageLanguage.init(rawValue:)) { return chosen }
        return MessageLanguage.negotiate(acceptLanguage: headers["Accept-Language"])
    }

    /// The fields of an `application/x-www-form-urlencoded` body, first value per name.
    /// - Throws: ``APIError`` `unsupported_media_type` for another body type, `bad_request`
    ///   for a malformed body.
    func formFields() throws -> [String: String] {
        guard let type = try? mediaType(), type.matches("application/x-www-form-urlencoded") else {
            throw APIError(.unsupportedMediaType)
        }
        guard let pairs = try? FormData.parse(body) else { throw APIError(.badRequest) }
        var fields: [String: String] = [:]
        for (name, value) in pairs where fields[name] == nil { fields[name] = value }
        return fields
    }

    /// Whether a browser says this request was sent from another site, for the Origin
    /// check of forms and of `/v1/login` (the CSRF tokens are the main defence; this is
    /// the second). No `Origin` (not a browser, or an old one) is not cross-origin; this
    /// service's own origin is not. `Origin: null` is what a browser sends for a form
    /// posted from a page with `Referrer-Policy: no-referrer`, which every SchoolID page
    /// carries, so it counts as same-origin only with `Sec-Fetch-Site: same-origin`
    /// (Fetch Metadata, set by the browser and beyond a page's reach).
    func isCrossOrigin(scheme: String) -> Bool {
        guard let origin = headers["Origin"] else { return false }
        if origin == "null" { return headers["Sec-Fetch-Site"] != "same-origin" }
        return origin != self.origin(scheme: scheme)
    }

    /// `scheme://host` of this service as the browser reached it (the `Host` field), for
    /// the Origin check and for the sign-in address printed on slips.
    func origin(scheme: String) -> String? {
        headers["Host"].map { "\(scheme)://\($0)" }
    }
}
