import Foundation
import SchoolIDTesting
import Testing

@Suite struct ServeDemoTests {
    @Test("serve --demo on 0.0.0.0 exits non-zero with demo_requires_loopback and creates nothing")
    func refusesNonLoopback() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try await cli.run("serve", "--demo", "--host", "0.0.0.0", "--port", "0", "--data", "data", "--keys", "keys",
                                 "--policies", "policies")
        #expect(result.status == 1)
        #expect(result.stderr.contains("demo_requires_loopback: "))
        #expect(result.stderr.contains("0.0.0.0"))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("data")))
    }
}
