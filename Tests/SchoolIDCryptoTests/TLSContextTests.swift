import SchoolIDCrypto
import Testing

@Suite struct TLSContextTests {
    @Test("a server context loads the test chain and its key") func serverLoads() throws {
        _ = try TLSFixtures.serverContext()
    }

    @Test("a client context loads a CA file or the system trust store", arguments: ["ca.pem", nil] as [String?])
    func clientLoads(caFile: String?) throws {
        _ = try TLSFixtures.clientContext(trusting: caFile)
    }

    @Test("a server context refuses unreadable or mismatched material", arguments: [
        ("missing.pem", "server.key"),           // no certificate file
        ("server-chain.pem", "missing.key"),     // no key file
        ("server.key", "server.key"),            // a key where the certificate belongs
        ("server-chain.pem", "other-ca.key"),    // a key that is not the certificate's
        ("server-chain.pem", "server-encrypted.key"),  // encrypted: refused, never a prompt
    ])
    func serverRefuses(chain: String, key: String) throws {
        let error = #expect(throws: CryptoError.tlsFailure) {
            try TLSContext.server(certificateChainPEMPath: TLSFixtures.path(chain),
                                  privateKeyPEMPath: TLSFixtures.path(key))
        }
        #expect(error?.detail.contains("SSL_CTX_") == true)
    }

    @Test("a client context refuses a CA file that is missing or holds no certificate",
          arguments: ["missing.pem", "server.key"])
    func clientRefuses(caFile: String) throws {
        #expect(throws: CryptoError.tlsFailure) { try TLSFixtures.clientContext(trusting: caFile) }
    }
}
