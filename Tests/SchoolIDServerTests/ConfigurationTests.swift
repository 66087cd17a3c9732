import Foundation
import SchoolIDBase
import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct ConfigurationTests {
    @Test("file, then environment, then explicit settings override each other") func precedence() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try #"{"port": 9000, "host": "0.0.0.0", "trusted_proxies": ["10.0.0.0/8"]}"#.write(toFile: dir.file("c.json"), atomically: true, encoding: .utf8)
        var configuration = ServeConfiguration()
        try configuration.apply(file: dir.file("c.json"))
        try configuration.apply(environment: ["SCHOOLID_PORT": "9100", "UNRELATED": "x"])
        try configuration.set("host", "::1", source: "--host")
        #expect(configuration.port == 9100 && configuration.host == "::1")
        #expect(configuration.trustedProxies.map(\.description) == ["10.0.0.0/8"])
    }

    @Test("invalid settings name their source", arguments: [
        (#"{"prot": 1}"#, "/prot: unknown setting"), (#"{"port": true}"#, "/port: must be a string or a number"),
        (#"{"port": 70000}"#, "/port: must be a whole number from 0 to 65535"), (#"{"port": 1, "port": 2}"#, "is not a strict JSON object"),
        (#"{"trusted_proxies": ["10.0.0.0/99"]}"#, "/trusted_proxies: '10.0.0.0/99' is not an address or CIDR range"),
    ])
    func invalidFile(_ text: String, _ message: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try text.write(toFile: dir.file("c.json"), atomically: true, encoding: .utf8)
        var configuration = ServeConfiguration()
        let error = #expect(throws: ServeConfiguration.Invalid.self) { try configuration.apply(file: dir.file("c.json")) }
        #expect(error?.description.hasSuffix(message) == true, "\(String(describing: error))")
    }

    @Test("an environment variable with a bad value is named") func invalidEnvironment() {
        var configuration = ServeConfiguration()
        let error = #expect(throws: ServeConfiguration.Invalid.self) { try configuration.apply(environment: ["SCHOOLID_METRICS_TOKEN": "short"]) }
        #expect(error?.description.hasPrefix("SCHOOLID_METRICS_TOKEN:") == true)
    }

    @Test("a fresh directory is initialised; a database without keys or keys without a database is refused") func startup() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var configuration = ServeConfiguration()
        configuration.data = dir.file("data")
        configuration.keys = dir.file("keys")
        let now = UnixTime(seconds: 1_790_000_000)
        #expect(try StartupCheck.prepare(configuration, now: now))
        #expect(FileManager.default.createFile(atPath: configuration.databaseFile, contents: Data()))
        #expect(try !StartupCheck.prepare(configuration, now: now))

        try FileManager.default.moveItem(atPath: configuration.keys, toPath: dir.file("keys-aside"))
        #expect((#expect(throws: StartupCheck.Refusal.self) { try StartupCheck.prepare(configuration, now: now) })?.code == "keyring_missing")
        try FileManager.default.moveItem(atPath: dir.file("keys-aside"), toPath: configuration.keys)
        try FileManager.default.removeItem(atPath: configuration.databaseFile)
        #expect((#expect(throws: StartupCheck.Refusal.self) { try StartupCheck.prepare(configuration, now: now) })?.code == "database_missing")
    }
}
