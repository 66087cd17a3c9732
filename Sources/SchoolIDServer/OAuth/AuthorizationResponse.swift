import SchoolIDBase
import SchoolIDHTTP

/// The redirect that answers an authorization request (RFC 6749 §4.1.2, §4.1.2.1).
enum AuthorizationResponse {
    /// `303` to `uri` with `items` (those with a value) added to its query, keeping a
    /// query the registered URI already has (RFC 6749 §3.1.2). `Cache-Control: no-store`:
    /// the location carries the code.
    static func redirect(to uri: String, _ items: [(String, String?)]) -> Response {
        let query = items.compactMap { name, value in value.map { encode(name) + "=" + encode($0) } }
            .joined(separator: "&")
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "no-store")
        headers.set("Referrer-Policy", "no-referrer")
        return PageResponse.redirect(to: uri + (uri.contains("?") ? "&" : "?") + query, headers: headers)
    }

    /// Percent-encodes everything but RFC 3986 §2.3 unreserved characters.
    static func encode(_ text: String) -> String { PercentEncoding.encodeUnreserved(text) }
}
