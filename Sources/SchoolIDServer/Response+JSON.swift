import Foundation
import SchoolIDHTTP

extension Response {
    /// A JSON response with sorted keys (`application/json; charset=utf-8` unless `headers` name a type).
    static func json(_ value: some Encodable, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = headers
        if !headers.contains("Content-Type") { headers.set("Content-Type", "application/json; charset=utf-8") }
        return Response(status: status, headers: headers, body: Array((try? encoder.encode(value)) ?? Data("{}".utf8)))
    }
}
