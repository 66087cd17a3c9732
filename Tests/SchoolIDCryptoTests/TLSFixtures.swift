import Foundation
import SchoolIDCrypto
import SchoolIDTesting

/// Paths and contexts over the test-only material in `Tests/Fixtures/keys/tls/`.
enum TLSFixtures {
    static func path(_ name: String) -> String { Fixtures.url("keys/tls/\(name)").path }

    static func serverContext() throws -> TLSContext {
        try TLSContext.server(certificateChainPEMPath: path("server-chain.pem"), privateKeyPEMPath: path("server.key"))
    }

    static func clientContext(trusting caFile: String? = "ca.pem") throws -> TLSContext {
        try TLSContext.client(trustedCAPEMPath: caFile.map(path))
    }
}

/// Why a test's socket plumbing failed (not a TLS outcome).
struct TLSTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
    static func errno(_ call: String) -> TLSTestError { TLSTestError("\(call): \(String(cString: strerror(Glibc.errno)))") }
}
