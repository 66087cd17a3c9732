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

    /// `scheme://host` of this service as the browser reached it (the `Host` field), for
    /// the Origin check and for the sign-in address printed on slips.
    func origin(scheme: String) -> String? {
        headers["Host"].map { "\(scheme)://\($0)" }
    }
}
