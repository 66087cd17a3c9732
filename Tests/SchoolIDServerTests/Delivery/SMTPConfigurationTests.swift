import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct SMTPConfigurationTests {
    func invalid(_ prefix: String) -> (any Error) -> Bool {
        { ($0 as? ServeConfiguration.Invalid)?.description.hasPrefix(prefix) == true }
    }

    @Test("no smtp_host means no email channel")
    func unset() throws {
        #expect(try ServeConfiguration().smtpSettings() == nil)
    }

    @Test("SMTP settings come from file keys, variables and flags, with the security mode's default port")
    func sources() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("config.json")
        try Data(#"{"smtp_host": "smtp.example.ru", "smtp_from": "NoReply@School.Example.RU", "smtp_security": "tls"}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        var configuration = ServeConfiguration()
        try configuration.apply(file: file)
        try configuration.apply(environment: ["SCHOOLID_SMTP_USERNAME": "school", "SCHOOLID_SMTP_PASSWORD": "pa ss"])
        let settings = try #require(try configuration.smtpSettings())
        #expect(settings.host == "smtp.example.ru" && settings.port == 465 && settings.security == .tls)
        #expect(settings.from.rawValue == "NoReply@school.example.ru")
        #expect(settings.credentials?.username == "school" && settings.credentials?.password.unredacted == "pa ss")
        #expect(!"\(configuration.smtp)".contains("pa ss"))
        try configuration.set("smtp_port", "2525", source: "--smtp-port")
        #expect(try configuration.smtpSettings()?.port == 2525)
    }

    @Test("default ports: 587 for starttls, 465 for tls, 25 for none", arguments: [
        ("starttls", 587), ("tls", 465), ("none", 25),
    ])
    func defaultPorts(security: String, port: Int) throws {
        var configuration = ServeConfiguration()
        try configuration.set("smtp_host", "127.0.0.1", source: "test")
        try configuration.set("smtp_from", "a@b.ru", source: "test")
        try configuration.set("smtp_security", security, source: "test")
        #expect(try configuration.smtpSettings()?.port == port)
    }

    @Test("bad values are refused naming the key", arguments: [
        ("smtp_port", "0"), ("smtp_port", "smtp"), ("smtp_security", "ssl"), ("smtp_from", "not an address"),
        ("smtp_from", "a@b.ru\r\nBcc: c@d.ru"), ("smtp_host", "mail.example.ru/x"), ("smtp_host", ""),
        ("smtp_username", ""), ("smtp_password", ""),
    ])
    func badValues(key: String, value: String) {
        var configuration = ServeConfiguration()
        #expect(performing: { try configuration.set(key, value, source: key) }, throws: invalid("\(key): "))
    }

    @Test("combinations are checked: from required, credentials paired, none only on loopback and without AUTH")
    func combinations() throws {
        func configuration(_ pairs: [(String, String)]) throws -> ServeConfiguration {
            var configuration = ServeConfiguration()
            for (key, value) in pairs { try configuration.set(key, value, source: key) }
            return configuration
        }
        let cases: [([(String, String)], String)] = [
            ([("smtp_host", "smtp.example.ru")], "smtp_from: "),
            ([("smtp_from", "a@b.ru")], "smtp_from: set smtp_host"),
            ([("smtp_host", "smtp.example.ru"), ("smtp_from", "a@b.ru"), ("smtp_username", "u")], "smtp_username: "),
            ([("smtp_host", "smtp.example.ru"), ("smtp_from", "a@b.ru"), ("smtp_password", "p")], "smtp_password: "),
            ([("smtp_host", "smtp.example.ru"), ("smtp_from", "a@b.ru"), ("smtp_security", "none")], "smtp_security: "),
            ([("smtp_host", "localhost"), ("smtp_from", "a@b.ru"), ("smtp_security", "none")], "smtp_security: "),
            ([("smtp_host", "127.0.0.1"), ("smtp_from", "a@b.ru"), ("smtp_security", "none"),
              ("smtp_username", "u"), ("smtp_password", "p")], "smtp_username: "),
            ([("smtp_host", "smtp.example.ru"), ("smtp_from", "a@b.ru"), ("smtp_ca_file", "/nonexistent/ca.pem")],
             "smtp_ca_file: "),
        ]
        for (pairs, prefix) in cases {
            let built = try configuration(pairs)
            #expect(performing: { try built.smtpSettings() }, throws: invalid(prefix))
        }
        #expect(try configuration([("smtp_host", "::1"), ("smtp_from", "a@b.ru"), ("smtp_security", "none")])
            .smtpSettings()?.host == "::1")
    }

    @Test("--demo refuses an SMTP relay")
    func demoExcludesSMTP() throws {
        var configuration = ServeConfiguration()
        try configuration.set("demo", "1", source: "--demo")
        try configuration.set("smtp_host", "smtp.example.ru", source: "--smtp-host")
        #expect(performing: { try configuration.checkDemo() }, throws: invalid("demo_excludes_smtp: "))
    }
}
