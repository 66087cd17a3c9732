import Foundation
import SchoolIDServer
import SchoolIDTesting
import Testing

/// `tls_certificate` / `tls_private_key`: both or neither, and a private key file only
/// its owner can read (the keyring's rule).
@Suite struct TLSConfigurationTests {
    /// A temporary copy of the fixture key with `mode`, and the fixture chain.
    static func material(mode: Int) throws -> (TemporaryDirectory, certificate: String, key: String) {
        let dir = try TemporaryDirectory()
        let key = dir.file("server.key")
        try FileManager.default.copyItem(atPath: Fixtures.url("keys/tls/server.key").path, toPath: key)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: key)
        return (dir, Fixtures.url("keys/tls/server-chain.pem").path, key)
    }

    @Test("without certificate and key the service is plain HTTP") func neither() throws {
        let configuration = ServeConfiguration()
        #expect(try configuration.tlsContext() == nil)
        #expect(configuration.scheme == "http")
    }

    @Test("certificate and key from the environment give an HTTPS context") func both() throws {
        let (dir, certificate, key) = try Self.material(mode: 0o600)
        defer { dir.remove() }
        var configuration = ServeConfiguration()
        try configuration.apply(environment: ["SCHOOLID_TLS_CERTIFICATE": certificate, "SCHOOLID_TLS_PRIVATE_KEY": key])
        #expect(try configuration.tlsContext() != nil)
        #expect(configuration.scheme == "https")
    }

    @Test("only one of certificate and key is a configuration error", arguments: ["tls_certificate", "tls_private_key"])
    func onlyOne(setting: String) throws {
        var configuration = ServeConfiguration()
        try configuration.set(setting, "/somewhere.pem", source: setting)
        let error = #expect(throws: ServeConfiguration.Invalid.self) { try configuration.tlsContext() }
        #expect(error?.description.contains("must be set together") == true)
    }

    @Test("a key readable by group or others is refused, naming the file", arguments: [0o640, 0o604, 0o644])
    func readableKey(mode: Int) throws {
        let (dir, certificate, key) = try Self.material(mode: mode)
        defer { dir.remove() }
        var configuration = ServeConfiguration()
        configuration.tlsCertificate = certificate
        configuration.tlsPrivateKey = key
        let error = #expect(throws: ServeConfiguration.Invalid.self) { try configuration.tlsContext() }
        #expect(error?.description.contains("\(key) is readable by group or others") == true, "\(String(describing: error))")
    }

    @Test("a key that does not belong to the certificate is refused") func mismatchedKey() throws {
        let (dir, _, key) = try Self.material(mode: 0o600)
        defer { dir.remove() }
        var configuration = ServeConfiguration()
        configuration.tlsCertificate = Fixtures.url("keys/tls/other-ca.pem").path
        configuration.tlsPrivateKey = key
        let error = #expect(throws: ServeConfiguration.Invalid.self) { try configuration.tlsContext() }
        #expect(error?.description.contains("cannot be loaded") == true, "\(String(describing: error))")
    }
}
