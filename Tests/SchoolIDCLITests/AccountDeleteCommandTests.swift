import Foundation
import SchoolIDTesting
import Testing

/// `schoolid account delete` (issue 8): the operator deletes any account.
@Suite struct AccountDeleteCommandTests {
    @Test("account delete tombstones the account, prints its id and counts, is audited as a cli action and frees the login")
    func deleteAccount() async throws {
        let cli = try await DirectoryCommandTests.installation()
        defer { cli.directory.remove() }
        let deleted = try await cli.run("account", "delete", "--account", "admin")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let lines = deleted.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0].hasPrefix("acc_") && lines[1].hasPrefix("removed: "), "\(lines)")
        #expect(lines[1].contains("staff_memberships=1") && lines[1].contains("owner_key=1"), "\(lines)")
        let event = try #require(try await DirectoryCommandTests.audit(cli).first)
        #expect(event["action"] as? String == "account.deleted")
        #expect(event["client_address"] as? String == "cli" && event["target_id"] as? String == lines[0])
        let again = try await cli.run("account", "delete", "--account", lines[0])
        #expect(again.status == 1 && again.stderr.contains("account_not_found"), "\(again.stderr)")
        let byLogin = try await cli.run("account", "delete", "--account", "admin")
        #expect(byLogin.status == 1 && byLogin.stderr.contains("account_not_found"), "\(byLogin.stderr)")
    }
}
