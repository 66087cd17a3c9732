import Foundation
import SchoolIDTesting
import Testing

/// `schoolid ledger checkpoint|verify` on a fresh installation (the tamper cases run
/// in-process in `LedgerCheckTests`, which edit rows with SQL).
@Suite struct LedgerCommandTests {
    @Test("ledger checkpoint signs the empty tree and ledger verify then passes; checkpoint needs an issuer")
    func checkpointThenVerify() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        #expect(try await cli.run("init").status == 0)
        let noIssuer = try await cli.run("ledger", "checkpoint")
        #expect(noIssuer.status == 2 && noIssuer.stderr.contains("--issuer"), "\(noIssuer.stderr)")
        let signed = try await cli.run("ledger", "checkpoint", "--issuer", "https://id.school.example")
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout == "tree_size 0 root e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n")
        let verified = try await cli.run("ledger", "verify")
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout == "ledger ok: 0 entries, 1 checkpoints\n")
    }
}
