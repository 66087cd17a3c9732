import Foundation

/// One answer of the JSON API as a test sees it.
public struct APIResponse: Sendable {
    /// The status code.
    public let status: Int
    /// Header fields in order, as sent.
    public let headers: [(name: String, value: String)]
    /// The raw body.
    public let body: [UInt8]

    /// The answer `response` as the JSON API reads it.
    public init(_ response: TestResponse) {
        status = response.status
        headers = response.headers
        body = response.body
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as a JSON object (empty when it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// The string member `key` of the JSON body.
    public func string(_ key: String) -> String? { json[key] as? String }

    /// The array-of-objects member `key` of the JSON body.
    public func objects(_ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }

    /// The error code of the one error shape (`{"error": "<code>", …}`).
    public var errorCode: String? { string("error") }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The value the server set for cookie `name` in `Set-Cookie`, if any.
    public func setCookie(_ name: String) -> String? {
        for field in headers where field.name.lowercased() == "set-cookie" {
            let pair = field.value.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name { return String(parts[1]) }
        }
        return nil
    }
}

/// JSON requests over raw loopback HTTP (``TestClient``), one connection per request,
/// carrying a bearer token, or the session cookie with or without `X-CSRF-Token`, and
/// optionally an `X-Forwarded-For` client address (for servers that trust loopback as a proxy).
public struct APIClient: Sendable {
    /// The server's port on 127.0.0.1.
    public let port: Int
    /// Sent as `Authorization: Bearer <token>`.
    public var bearer: String?
    /// Sent as `Cookie: <cookieName>=<value>`.
    public var cookie: String?
    /// The session cookie's name.
    public var cookieName = "schoolid_session"
    /// Sent as `X-CSRF-Token`.
    public var csrfToken: String?
    /// Sent as `X-Forwarded-For`.
    public var forwardedFor: String?

    public init(port: Int, bearer: String? = nil) {
        self.port = port
        self.bearer = bearer
    }

    /// A client for `server`.
    public init(_ server: TestServer, bearer: String? = nil) { self.init(port: server.port, bearer: bearer) }

    /// A copy that authenticates with `token` as a bearer token.
    public func with(bearer token: String?) -> APIClient {
        var copy = self
        copy.bearer = token
        return copy
    }

    /// A copy that sends requests as if from `address` (through a trusted proxy).
    public func from(_ address: String?) -> APIClient {
        var copy = self
        copy.forwardedFor = address
        return copy
    }

    /// `GET path`.
    public func get(_ path: String) async throws -> APIResponse {
        try await send("GET", path)
    }

    /// `POST path` with a JSON object body (an empty object when `json` is nil).
    public func post(_ path: String, json: [String: Any]? = nil) async throws -> APIResponse {
        let body = try JSONSerialization.data(withJSONObject: json ?? [:])
        return try await send("POST", path, body: Array(body), contentType: "application/json")
    }

    /// Sends one request and reads its response.
    /// - Parameters:
    ///   - method: the request method.
    ///   - path: the request target.
    ///   - body: the body, sent with `Content-Length`.
    ///   - contentType: the `Content-Type`, if any.
    ///   - extraHeaders: further header fields.
    public func send(_ method: String, _ path: String, body: [UInt8] = [], contentType: String? = nil,
                     extraHeaders: [(String, String)] = []) async throws -> APIResponse
    {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let bearer { head += "Authorization: Bearer \(bearer)\r\n" }
        if let cookie { head += "Cookie: \(cookieName)=\(cookie)\r\n" }
        if let csrfToken { head += "X-CSRF-Token: \(csrfToken)\r\n" }
        if let forwardedFor { head += "X-Forwarded-For: \(forwardedFor)\r\n" }
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        for (name, value) in extraHeaders { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let client = try await TestClient(port: port, sending: Array(head.utf8) + body)
        defer { client.close() }
        let response = try await client.readResponse(timeout: .seconds(60))
        return APIResponse(response)
    }
}
