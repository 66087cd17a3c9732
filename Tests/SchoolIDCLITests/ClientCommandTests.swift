import Foundation
import SchoolIDTesting
import Testing

/// `schoolid client add|list|rotate-secret|disable` on a temporary installation.
@Suite struct ClientCommandTests {
    @Test("client add prints the id and a secret once, list shows it, rotate-secret prints a new one, disable ends it")
    func lifecycle() async throws {
        let cli = try await DirectoryCommandTests.installation()
        defer { cli.directory.remove() }
        let added = try await cli.run("client", "add", "--id", "diary-s57", "--name", "Дневник",
                                      "--redirect-uri", "https://diary.example/cb", "--redirect-uri", "http://127.0.0.1:9000/cb",
                                      "--grant", "authorization_code", "--grant", "refresh_token",
                                      "--grant", "urn:ietf:params:oauth:grant-type:token-exchange",
                                      "--scope", "openid", "--scope", "diary", "--school", "s57", "--first-party",
                                      "--alg", "EdDSA")
        #expect(added.status == 0, "\(added.stderr)")
        let lines = added.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0] == "diary-s57" && lines[1].count == 43, "\(lines)")
        let listed = try await cli.run("client", "list")
        #expect(listed.status == 0 && listed.stdout.contains("diary-s57\tconfidential\tactive"), "\(listed.stdout)")
        #expect(!listed.stdout.contains(lines[1]))
        let rotated = try await cli.run("client", "rotate-secret", "--id", "diary-s57")
        let secret = rotated.stdout.trimmingCharacters(in: .newlines)
        #expect(rotated.status == 0 && secret.count == 43 && secret != lines[1], "\(rotated.stderr)")
        let disabled = try await cli.run("client", "disable", "--id", "diary-s57")
        #expect(disabled.status == 0, "\(disabled.stderr)")
        #expect(try await cli.run("client", "list").stdout.contains("diary-s57\tconfidential\tdisabled"))
        let actions = try await DirectoryCommandTests.audit(cli).compactMap { $0["action"] as? String }
        #expect(Array(actions.prefix(3)) == ["client.disabled", "client.secret_rotated", "client.created"])
    }

    @Test("client add refuses a public client with client_credentials, a repeated id and an unknown school")
    func refusals() async throws {
        let cli = try await DirectoryCommandTests.installation()
        defer { cli.directory.remove() }
        let publicCredentials = try await cli.run("client", "add", "--id", "app-one", "--name", "App", "--type", "public",
                                                  "--redirect-uri", "http://localhost/cb", "--grant", "client_credentials")
        #expect(publicCredentials.status == 1 && publicCredentials.stderr.contains("client_invalid"))
        let first = try await cli.run("client", "add", "--id", "app-one", "--name", "App", "--type", "public",
                                      "--redirect-uri", "http://localhost/cb")
        #expect(first.status == 0 && first.stdout == "app-one\n", "\(first.stderr)")
        let again = try await cli.run("client", "add", "--id", "app-one", "--name", "App", "--redirect-uri",
                                      "https://app.example/cb")
        #expect(again.status == 1 && again.stderr.contains("client_exists"))
        let school = try await cli.run("client", "add", "--id", "app-two", "--name", "App", "--redirect-uri",
                                       "https://app.example/cb", "--school", "s99")
        #expect(school.status == 1 && school.stderr.contains("school_not_found"))
        let rotatePublic = try await cli.run("client", "rotate-secret", "--id", "app-one")
        #expect(rotatePublic.status == 1 && rotatePublic.stderr.contains("client_invalid"))
        let unknown = try await cli.run("client", "disable", "--id", "nobody")
        #expect(unknown.status == 1 && unknown.stderr.contains("client_not_found"))
    }
}
