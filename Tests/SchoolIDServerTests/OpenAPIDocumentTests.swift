import Foundation
import SchoolIDCore
import SchoolIDHTTP
import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct OpenAPIDocumentTests {
    private static let operationKeys: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    private static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.body)) as? [String: Any])
    }

    /// Every (path, method) the document describes, methods upper-case.
    private static func describedOperations() throws -> Set<String> {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        return Set(paths.flatMap { path, item in
            item.keys.filter(operationKeys.contains).map { "\($0.uppercased()) \(path)" }
        })
    }

    @Test("the document is JSON and declares OpenAPI 3.1") func version() throws {
        let version = try #require(try Self.document()["openapi"] as? String)
        #expect(version.hasPrefix("3.1."))
    }

    /// Non-HTML routes missing from the document, and documented operations with no route.
    private static func mismatches(_ table: [Router.Registration]) throws -> (undescribed: [String], unrouted: [String]) {
        let routed = Set(table.filter { OpenAPIDocument.describes(template: $0.template) }
            .map { "\($0.method.rawValue) \(OpenAPIDocument.path(forTemplate: $0.template))" })
        let described = try describedOperations()
        return (routed.subtracting(described).sorted(), described.subtracting(routed).sorted())
    }

    @Test("every non-HTML route the router knows is described, and every described operation is routed")
    func coverage() async throws {
        let server = try await TestServer()
        let table = server.application.routeTable
        try await server.stop()
        let (undescribed, unrouted) = try Self.mismatches(table)
        #expect(undescribed == [], "routes missing from the OpenAPI document")
        #expect(unrouted == [], "documented operations with no route")
        #expect(table.contains(Router.Registration(method: .GET, template: Routes.openAPI)))
        #expect(table.contains(Router.Registration(method: .POST, template: Routes.schoolClasses)))
    }

    @Test("the coverage check reports an undescribed API route and ignores pages") func coverageDetectsGaps() throws {
        var router = Router()
        router.add(.GET, Routes.health) { _ in Response(status: .ok) }
        router.add(.DELETE, "/v1/schools/:school_id") { _ in Response(status: .noContent) }
        router.add(.GET, "/teacher/classes/:class_id") { _ in Response(status: .ok) }
        let (undescribed, unrouted) = try Self.mismatches(router.registrations)
        #expect(undescribed == ["DELETE /v1/schools/{school_id}"])
        #expect(unrouted.contains("POST /v1/login") && !unrouted.contains("GET /healthz"))
    }

    @Test("the served document is the compiled-in one, as cacheable JSON") func served() async throws {
        let server = try await TestServer()
        let response = try await fetch(server.url(Routes.openAPI))
        try await server.stop()
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Cache-Control") == "public, max-age=3600")
        #expect(Array(response.body) == OpenAPIDocument.body)
    }

    @Test("the error code enum lists exactly the service's error codes") func errorCodes() throws {
        let components = try #require(try Self.document()["components"] as? [String: Any])
        let schemas = try #require(components["schemas"] as? [String: [String: Any]])
        let codes = try #require(schemas["ErrorCode"]?["enum"] as? [String])
        #expect(codes.count == Set(codes).count, "a code is listed twice")
        #expect(Set(codes) == Set(ErrorCode.allCases.map(\.rawValue)))
    }

    @Test("every operation has an operationId, unique across the document") func operationIDs() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        let operations = paths.values.flatMap { item in
            item.filter { Self.operationKeys.contains($0.key) }.values.compactMap { $0 as? [String: Any] }
        }
        let ids = operations.compactMap { $0["operationId"] as? String }
        #expect(ids.count == operations.count)
        #expect(Set(ids).count == ids.count)
    }

    @Test("router parameters become OpenAPI path templates", arguments: [
        ("/v1/login", "/v1/login"),
        ("/v1/schools/:school_id/classes", "/v1/schools/{school_id}/classes"),
        ("/v1/credential-batches/:batch_id/credentials.csv", "/v1/credential-batches/{batch_id}/credentials.csv"),
        ("/", "/"),
    ])
    func pathTemplate(template: String, expected: String) {
        #expect(OpenAPIDocument.path(forTemplate: template) == expected)
    }

    @Test("only the JSON API, well-known documents and probes are described; pages are not", arguments: [
        ("/v1/login", true), ("/v1/openapi.json", true), ("/.well-known/jwks.json", true), ("/healthz", true),
        ("/readyz", true), ("/metrics", true), ("/", false), ("/login", false), ("/logout", false),
        ("/password/change", false), ("/account", false), ("/teacher/classes/:class_id", false), ("/v1", false),
        ("/oauth/authorize", true), ("/.well-known/openid-configuration", true),
    ])
    func classification(template: String, described: Bool) {
        #expect(OpenAPIDocument.describes(template: template) == described)
    }
}
