import SchoolIDHTTP
import Testing

@Suite struct RouterTests {
    private static func reply(_ name: String) -> Handler {
        { _ in Response(body: Array(name.utf8)) }
    }

    private static let router: Router = {
        var router = Router()
        router.add(.GET, "/", reply("root"))
        router.add(.GET, "/v1/things", reply("list"))
        router.add(.POST, "/v1/things", reply("create"))
        router.add(.GET, "/v1/things/:id", reply("show"))
        router.add(.DELETE, "/v1/things/:id", reply("delete"))
        router.add(.GET, "/v1/things/new", reply("new"))
        router.add(.GET, "/v1/schools/:school/classes/:class", reply("class"))
        router.add(.HEAD, "/v1/probe", reply("head"))
        router.add(.GET, "/v1/probe", reply("probe"))
        return router
    }()

    struct Case: Sendable, CustomStringConvertible {
        let method: HTTPMethod
        let path: String
        let body: String?
        let template: String?
        let parameters: [String: String]
        var description: String { "\(method) \(path)" }
    }

    @Test("finds handlers, templates and percent-decoded parameters", arguments: [
        Case(method: .GET, path: "/", body: "root", template: "/", parameters: [:]),
        Case(method: .GET, path: "/v1/things", body: "list", template: "/v1/things", parameters: [:]),
        Case(method: .POST, path: "/v1/things", body: "create", template: "/v1/things", parameters: [:]),
        Case(method: .GET, path: "/v1/things/42", body: "show", template: "/v1/things/:id", parameters: ["id": "42"]),
        Case(method: .GET, path: "/v1/things/new", body: "new", template: "/v1/things/new", parameters: [:]),
        Case(method: .GET, path: "/v1/things/a%20b%2Fc", body: "show", template: "/v1/things/:id",
             parameters: ["id": "a b/c"]),
        Case(method: .GET, path: "/v1/schools/7/classes/5%D0%90", body: "class",
             template: "/v1/schools/:school/classes/:class", parameters: ["school": "7", "class": "5А"]),
        Case(method: .HEAD, path: "/v1/things/1", body: "show", template: "/v1/things/:id", parameters: ["id": "1"]),
        Case(method: .HEAD, path: "/v1/probe", body: "head", template: "/v1/probe", parameters: [:]),
    ])
    func found(_ test: Case) async throws {
        guard case .found(let handler, let parameters, let template) = Self.router.match(method: test.method,
                                                                                        path: test.path) else {
            Issue.record("no match for \(test)")
            return
        }
        #expect(template == test.template)
        #expect(parameters == test.parameters)
        let response = try await handler(Request(method: test.method, target: test.path))
        #expect(String(decoding: response.body, as: UTF8.self) == test.body)
    }

    @Test("answers notFound for unknown paths, trailing slashes and empty parameters",
          arguments: ["/nope", "/v1/things/", "/v1/things/1/", "//", "/v1/things//x", "/v1/things/%ZZ", "x"])
    func notFound(_ path: String) {
        guard case .notFound = Self.router.match(method: .GET, path: path) else {
            Issue.record("expected notFound for \(path)")
            return
        }
    }

    @Test("answers methodNotAllowed with the allowed methods sorted, HEAD wherever GET is")
    func methodNotAllowed() {
        guard case .methodNotAllowed(let allowed) = Self.router.match(method: .PUT, path: "/v1/things/9") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.DELETE, .GET, .HEAD])
        guard case .methodNotAllowed(let listAllowed) = Self.router.match(method: .PATCH, path: "/v1/things") else {
            Issue.record("expected 405")
            return
        }
        #expect(listAllowed == [.GET, .HEAD, .POST])
    }
}
