import Foundation
import SchoolIDTesting

/// A tiny browser for page tests: a cookie jar (honouring `Path` and `Max-Age=0`),
/// form-urlencoded and multipart posts, one raw `TestClient` connection per request.
final class Browser {
    struct Cookie {
        let value: String
        let path: String
        let attributes: [String]
    }

    let port: Int
    var acceptLanguage: String?
    private(set) var cookies: [String: Cookie] = [:]

    init(port: Int, acceptLanguage: String? = nil) {
        self.port = port
        self.acceptLanguage = acceptLanguage
    }

    /// Drops a cookie from the jar, as if it had expired.
    func forget(_ name: String) {
        cookies[name] = nil
    }

    func get(_ path: String) async throws -> TestResponse {
        try await send("GET", path, contentType: nil, body: [])
    }

    /// Posts `application/x-www-form-urlencoded` fields in order.
    func post(_ path: String, form fields: [(String, String)], headers: [(String, String)] = []) async throws -> TestResponse {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send("POST", path, contentType: "application/x-www-form-urlencoded", body: Array(body.utf8),
                              headers: headers)
    }

    /// Posts `multipart/form-data`: text fields, then one file.
    func post(_ path: String, fields: [(String, String)], file: (name: String, filename: String, bytes: [UInt8]))
        async throws -> TestResponse
    {
        let boundary = "----schoolid-test-boundary-7MA4YWxk"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array(("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n"
            + "Content-Type: text/csv\r\n\r\n").utf8)
        body += file.bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send("POST", path, contentType: "multipart/form-data; boundary=\(boundary)", body: body)
    }

    /// The hidden `csrf_token` of the first form on a page.
    static func csrfToken(in page: TestResponse) -> String? {
        let text = page.bodyText
        guard let range = text.range(of: "name=\"csrf_token\" value=\"") else { return nil }
        let rest = text[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Every `Set-Cookie` field of a response.
    static func setCookies(_ response: TestResponse) -> [String] {
        response.headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
    }

    /// The `Set-Cookie` field that sets `name`, if any.
    static func setCookie(_ name: String, in response: TestResponse) -> String? {
        setCookies(response).first { $0.hasPrefix(name + "=") }
    }

    func send(_ method: String, _ path: String, contentType: String?, body: [UInt8], headers: [(String, String)] = [])
        async throws -> TestResponse
    {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        let sent = cookies.filter { path.hasPrefix($0.value.path) }.map { "\($0.key)=\($0.value.value)" }.sorted()
        if !sent.isEmpty { head += "Cookie: \(sent.joined(separator: "; "))\r\n" }
        if let acceptLanguage { head += "Accept-Language: \(acceptLanguage)\r\n" }
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        let client = try await TestClient(port: port, sending: Array((head + "\r\n").utf8) + body)
        defer { client.close() }
        let response = try await client.readResponse(timeout: .seconds(30))
        for field in Self.setCookies(response) { store(field) }
        return response
    }

    private func store(_ field: String) {
        let parts = field.components(separatedBy: "; ")
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals])
        let value = String(pair[pair.index(after: equals)...])
        let attributes = Array(parts.dropFirst())
        let path = attributes.first { $0.hasPrefix("Path=") }.map { String($0.dropFirst(5)) } ?? "/"
        if attributes.contains("Max-Age=0") || value.isEmpty {
            cookies[name] = nil
        } else {
            cookies[name] = Cookie(value: value, path: path, attributes: attributes)
        }
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
