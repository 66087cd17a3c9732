import Foundation
import SchoolIDBase
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Issue 9, issuer: the configured issuer is validated and normalised (OpenID Connect
/// Discovery §3), and without one the issuer is the URL `serve` listens on.
@Suite struct IssuerTests {
    @Test("an https issuer, or http to a loopback literal, is accepted with its trailing slashes removed", arguments: [
        ("https://id.school.example", "https://id.school.example"),
        ("https://id.school.example/", "https://id.school.example"),
        ("https://school.example/id//", "https://school.example/id"),
        ("https://id.school.example:8443", "https://id.school.example:8443"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ])
    func accepted(_ text: String, _ issuer: String) throws {
        var configuration = ServeConfiguration()
        try configuration.set("issuer", text, source: "--issuer")
        #expect(configuration.issuer == issuer)
    }

    @Test("an issuer off the rules is refused with the rule and its source", arguments: [
        ("http://id.school.example", "must be https (plain http only to a loopback host)"),
        ("http://localhost:8080", "must be https (plain http only to a loopback host)"),
        ("https://id.school.example/?tenant=1", "an issuer has no query or fragment (OpenID Connect Discovery §3)"),
        ("https://id.school.example/#top", "an issuer has no query or fragment (OpenID Connect Discovery §3)"),
        ("https://admin:pw@id.school.example", "an issuer carries no user name or password"),
        ("ftp://id.school.example", "must be https (plain http only to a loopback host)"),
        ("id.school.example", "'id.school.example' is not an absolute http(s) URL"),
        ("", "'' is not an absolute http(s) URL"),
    ])
    func refused(_ text: String, _ rule: String) {
        var configuration = ServeConfiguration()
        let error = #expect(throws: ServeConfiguration.Invalid.self) {
            try configuration.apply(environment: ["SCHOOLID_ISSUER": text])
        }
        #expect(error?.description == "SCHOOLID_ISSUER: \(rule)")
        #expect(configuration.issuer == nil)
    }

    @Test("a configured issuer in a config file is validated like the flag") func fromFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try #"{"issuer": "https://id.school.example/"}"#.write(toFile: directory.file("c.json"), atomically: true,
                                                               encoding: .utf8)
        var configuration = ServeConfiguration()
        try configuration.apply(file: directory.file("c.json"))
        #expect(configuration.issuer == "https://id.school.example")
    }

    @Test("without a configured issuer, the server's issuer is the URL it listens on, with the bound port")
    func listeningURL() async throws {
        let server = try await TestServer()
        #expect(server.port != 0)
        #expect(server.application.issuer == "http://127.0.0.1:\(server.port)")
        try await server.stop()
    }

    @Test("a configured issuer wins over the listening URL")
    func configuredWins() async throws {
        let server = try await TestServer { $0.issuer = "https://id.school.example" }
        #expect(server.application.issuer == "https://id.school.example")
        try await server.stop()
    }

    @Test("a wildcard or IPv6 listening address becomes a URL a client can use", arguments: [
        ("0.0.0.0", false, "http://127.0.0.1:9000"), ("::", true, "https://[::1]:9000"),
        ("::1", false, "http://[::1]:9000"), ("192.0.2.10", true, "https://192.0.2.10:9000"),
    ])
    func listeningIssuer(_ host: String, _ secure: Bool, _ issuer: String) {
        var configuration = ServeConfiguration()
        configuration.host = host
        #expect(configuration.listeningIssuer(port: 9000, secure: secure) == issuer)
    }
}
