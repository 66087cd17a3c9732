import Foundation
import SchoolIDHTTP

/// `GET /v1/openapi.json`: the compiled-in ``OpenAPIDocument``, public material that
/// caches may keep for an hour.
struct OpenAPIRoutes: Sendable {
    func register(in router: inout Router) {
        // A broken embedded document is a programmer error: fail at startup, not per request.
        precondition((try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.body))) != nil,
                     "the embedded OpenAPI document is not valid JSON")
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        headers.set("Cache-Control", "public, max-age=3600")
        let document = Response(status: .ok, headers: headers, body: OpenAPIDocument.body)
        router.add(.GET, Routes.openAPI) { _ in document }
    }
}
