import Foundation
import SchoolIDServer
import SchoolIDStore
import SchoolIDTesting
import Testing

@Suite struct ServerReleaseTests {
    @Test("a stopped server releases its storage, and with it the SQLite connection threads")
    func storageReleased() async throws {
        weak var storage: SQLiteStorage?
        do {
            let server = try await TestServer()
            storage = server.application.storage
            _ = try await APIClient(server).get("/metrics")
            try await server.stop()
        }
        // The server's tasks end after `stop()`; their last references go as they unwind.
        for _ in 0..<500 where storage != nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(storage == nil)
    }
}
