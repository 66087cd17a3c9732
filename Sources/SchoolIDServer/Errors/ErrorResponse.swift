import Foundation
import SchoolIDCore
import SchoolIDHTTP

/// Renders the one error shape:
/// `{"error": "<code>", "message": "<catalogue text>", "request_id": "…", "field": "…", "detail": "…"}`
/// (`field` and `detail` only when known)
/// as `application/json; charset=utf-8`, in the language the request prefers.
enum ErrorResponse {
    private struct Body: Encodable {
        let error: String
        let message: String
        let requestID: String
        let field: String?
        let detail: String?

        enum CodingKeys: String, CodingKey { case error, message, requestID = "request_id", field, detail }
    }

    /// The response for `error`, answering `request`.
    static func render(_ error: APIError, language: MessageLanguage, requestID: String) -> Response {
        let body = Body(error: error.code.rawValue, message: error.code.message(in: language), requestID: requestID,
                        field: error.field, detail: error.detail)
        var headers = error.headers
        headers.set("Content-Type", "application/json; charset=utf-8")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: error.status, headers: headers, body: Array((try? encoder.encode(body)) ?? Data()))
    }

    /// The error for a request the parser refused (the code is in the catalogue; an
    /// unknown parser code falls back to the status-level one).
    static func apiError(for parseError: HTTPParseError) -> APIError {
        let code = ErrorCode(rawValue: parseError.code) ?? (parseError.status == .requestTimeout ? .requestTimeout : .badRequest)
        return APIError(code, status: parseError.status)
    }
}
