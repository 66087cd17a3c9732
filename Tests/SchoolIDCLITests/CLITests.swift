import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

/// Runs the real `schoolid` executable, built next to the test bundle.
struct CLI {
    let directory: TemporaryDirectory

    static var executable: String { SchoolIDExecutable.path }

    init() throws {
        directory = try TemporaryDirectory()
        try FileManager.default.copyItem(atPath: Fixtures.url("policies").path, toPath: directory.file("policies"))
        try? FileManager.default.removeItem(atPath: directory.file("policies/invalid"))
    }

    typealias Result = SchoolIDExecutable.Result

    @discardableResult
    func run(_ arguments: String...) async throws -> Result { try await run(arguments) }

    @discardableResult
    func run(_ arguments: [String]) async throws -> Result {
        try await SchoolIDExecutable.run(arguments, in: directory.path)
    }
}

@Suite struct CLITests {
    @Test("the executable was built next to the tests") func found() {
        #expect(FileManager.default.isExecutableFile(atPath: CLI.executable))
    }

    @Test("init, forced rotation and jwks publish token keys with kid, alg and use and no private members") func initRotateJWKS() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let created = try await cli.run("init")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("keyring: created"))
        let early = try await cli.run("keys", "rotate", "--purpose", "token")
        #expect(early.status == 1 && early.stderr.contains("--force"))
        #expect(try await cli.run("keys", "rotate", "--purpose", "token", "--force").status == 0)
        let audit = try await cli.run("audit")
        let rotated = audit.stdout.split(separator: "\n").filter { $0.contains("\"key.rotated\"") }
        #expect(rotated.count == 1, "the refused rotation is not audited, the forced one is: \(audit.stdout)")
        #expect(rotated.first?.contains("purpose token; activated ") == true && rotated.first?.contains("\"cli\"") == true)
        let jwks = try await cli.run("keys", "jwks")
        #expect(jwks.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(jwks.stdout.utf8)) as? [String: Any])
        let keys = try #require(object["keys"] as? [[String: Any]])
        #expect(keys.count == 9)  // per algorithm: active, next, and the key retired a moment ago
        for key in keys {
            #expect(key["kid"] is String && key["use"] as? String == "sig")
            #expect(["ES256", "EdDSA", "RS256"].contains(key["alg"] as? String ?? ""))
            #expect(Set(key.keys).isDisjoint(with: ["d", "p", "q", "dp", "dq", "qi", "k"]))
        }
        let ack = try await cli.run("keys", "jwks", "--purpose", "ack")
        #expect(!ack.stdout.contains(keys[0]["kid"] as! String))
    }

    @Test("a world-readable private key file makes keys list fail with the file's name") func insecureKey() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try await cli.run("init")
        let tokenDirectory = cli.directory.file("keys/token/EdDSA")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: tokenDirectory).first)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tokenDirectory + "/" + file)
        let listed = try await cli.run("keys", "list")
        #expect(listed.status == 1)
        #expect(listed.stderr.contains(file) && listed.stderr.contains("readable by group or others"))
        #expect(listed.stderr.split(separator: "\n").count == 1)
    }

    @Test("usage mistakes exit 2 with one line on stderr", arguments: [
        ["frobnicate"], ["keys"], ["keys", "rotate"], ["keys", "rotate", "--purpose", "nonsense"],
        ["keys", "rotate", "--purpose", "data", "--alg", "ES256"], ["version", "extra"], ["backup"],
        ["school"], ["school", "add", "--name", "N", "--region", "R"], ["class", "add", "--school", "s57", "--grade", "seven", "--letter", "Б"],
        ["staff", "add", "--school", "s57", "--role", "janitor", "--login", "x", "--last-name", "X", "--first-name", "Y"],
        ["audit", "--since", "yesterday"], ["audit", "--limit", "0"], ["account"], ["account", "reset"],
        ["account", "remove", "--account", "admin"],
    ])
    func usage(_ arguments: [String]) async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try await cli.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("schoolid: ") && result.stderr.split(separator: "\n").count == 1)
    }

    @Test("every command answers --help with exit 0", arguments: ["serve", "init", "school", "staff", "account", "class", "audit", "keys", "policies", "backup", "restore", "bench", "version"])
    func help(_ command: String) async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try await cli.run(command, "--help")
        #expect(result.status == 0 && result.stdout.hasPrefix("usage: schoolid \(command)"))
    }

    @Test("an invalid policy stops init with the file and JSON pointer, creating nothing") func invalidPolicy() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let path = cli.directory.file("policies/otp.json")
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"version\": 1", with: "\"version\": 1, \"surprise\": true")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await cli.run("init")
        #expect(result.status == 1 && result.stderr.contains("otp.json") && result.stderr.contains("/surprise"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("keys/keyring.json")))
        #expect(try await cli.run("policies", "check").status == 1)
    }

    @Test("a database backup and a sealed keyring restore into a fresh directory") func backupAndRestore() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try await cli.run("init")
        try "a long enough passphrase for tests\n".write(toFile: cli.directory.file("pass"), atomically: true, encoding: .utf8)
        #expect(try await cli.run("backup", cli.directory.file("db.backup")).status == 0)
        #expect(try await cli.run("backup", "--keys-to", "keys.bundle", "--passphrase-file", "pass").status == 0)
        #expect(try await cli.run("backup", cli.directory.file("db.backup")).status == 1)  // never overwrites
        let restoredKeys = try await cli.run("restore", "--keys-from", "keys.bundle", "--passphrase-file", "pass", "--keys", "fresh/keys")
        #expect(restoredKeys.status == 0, "\(restoredKeys.stderr)")
        let restoredDB = try await cli.run("restore", "--database", "db.backup", "--data", "fresh/data")
        #expect(restoredDB.status == 0, "\(restoredDB.stderr)")
        let original = try await cli.run("keys", "list").stdout
        #expect(try await cli.run("keys", "list", "--keys", "fresh/keys").stdout == original)
        #expect(try await cli.run("restore", "--database", "db.backup", "--data", "fresh/data").status == 1)
        let mode = try FileManager.default.attributesOfItem(atPath: cli.directory.file("fresh/data/schoolid.sqlite"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
