import DiaryDemo
import Testing

/// `diary-demo`'s command line (what `main.swift` hands to the library).
@Suite struct DiaryDemoConfigurationTests {
    static let minimal = ["--issuer", "http://127.0.0.1:8080", "--client-id", "diary-demo"]
    static let secret = [DiaryDemoConfiguration.secretVariable: "s3cret"]

    @Test("defaults: listen on 127.0.0.1:8081, redirect base from the address, secret from the environment")
    func defaults() throws {
        let configuration = try DiaryDemoConfiguration(arguments: Self.minimal, environment: Self.secret)
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8081)
        #expect(configuration.issuer == "http://127.0.0.1:8080" && configuration.clientID == "diary-demo")
        #expect(configuration.clientSecret.unredacted == "s3cret")
        #expect(configuration.redirectURI == "http://127.0.0.1:8081/callback")
        #expect(configuration.postLogoutRedirectURI == "http://127.0.0.1:8081/")
        #expect(configuration.scopes == ["openid", "offline_access", "diary", "attendance", "nutrition"])
        #expect(configuration.audience == "diary-demo")
    }

    @Test("--listen, --redirect-base (trailing slash dropped) and --client-secret-file (trimmed) are honoured")
    func options() throws {
        let configuration = try DiaryDemoConfiguration(
            arguments: Self.minimal + ["--listen", "0.0.0.0:9000", "--redirect-base", "https://diary.example/",
                                        "--client-secret-file", "/run/secret"],
            environment: [:], readFile: { path in path == "/run/secret" ? "from-file\n" : "" })
        #expect(configuration.host == "0.0.0.0" && configuration.port == 9000)
        #expect(configuration.redirectURI == "https://diary.example/callback")
        #expect(configuration.clientSecret.unredacted == "from-file")
    }

    @Test("an incomplete or malformed command line is refused with the reason", arguments: [
        (["--client-id", "diary-demo"], "--issuer is required"),
        (["--issuer", "http://127.0.0.1:8080"], "--client-id is required"),
        (DiaryDemoConfigurationTests.minimal + ["--listen", "8081"], "--listen must be HOST:PORT"),
        (DiaryDemoConfigurationTests.minimal + ["--listen", "127.0.0.1:70000"], "--listen must be HOST:PORT"),
        (DiaryDemoConfigurationTests.minimal + ["--issuer", "http://x"], "--issuer repeated"),
        (DiaryDemoConfigurationTests.minimal + ["--verbose"], "unknown option --verbose"),
        (DiaryDemoConfigurationTests.minimal + ["--redirect-base"], "--redirect-base needs a value"),
        (DiaryDemoConfigurationTests.minimal + ["--redirect-base", "ftp://diary"], "--redirect-base must be an http(s) URL"),
    ])
    func refused(_ arguments: [String], _ reason: String) {
        #expect(throws: DiaryDemoUsageError(reason)) {
            try DiaryDemoConfiguration(arguments: arguments, environment: Self.secret)
        }
    }

    @Test("a missing secret is refused")
    func missingSecret() {
        #expect(throws: DiaryDemoUsageError(
            "the client secret is required: \(DiaryDemoConfiguration.secretVariable) or --client-secret-file")) {
            try DiaryDemoConfiguration(arguments: Self.minimal, environment: [:])
        }
    }
}
