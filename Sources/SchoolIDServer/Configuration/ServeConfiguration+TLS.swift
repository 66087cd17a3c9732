import Foundation
import SchoolIDCrypto

extension ServeConfiguration {
    /// The scheme `serve` listens with: "https" when a certificate is configured.
    public var scheme: String { tlsCertificate == nil ? "http" : "https" }

    /// The TLS server context for `tls_certificate` and `tls_private_key`, or nil when
    /// neither is set (plain HTTP).
    ///
    /// The private key file must not be readable by group or others, the same rule the
    /// keyring follows. The context speaks TLS 1.2 and 1.3 only (RFC 9325).
    /// - Throws: ``Invalid`` when only one of the two is set, the key file is missing or
    ///   too widely readable, or OpenSSL cannot load the pair (the message names the files).
    public func tlsContext() throws -> TLSContext? {
        switch (tlsCertificate, tlsPrivateKey) {
        case (nil, nil):
            return nil
        case (.some, nil), (nil, .some):
            throw Invalid(description: "tls_certificate and tls_private_key must be set together (--tls-certificate and --tls-private-key)")
        case (.some(let certificate), .some(let key)):
            var info = stat()
            guard stat(key, &info) == 0 else {
                throw Invalid(description: "tls_private_key: \(key) cannot be read: \(String(cString: strerror(errno)))")
            }
            let mode = info.st_mode & 0o777
            if mode & 0o077 != 0 {
                throw Invalid(description: "tls_private_key: \(key) is readable by group or others (mode \(String(mode, radix: 8))); run 'chmod 600 \(key)'")
            }
            do {
                return try TLSContext.server(certificateChainPEMPath: certificate, privateKeyPEMPath: key)
            } catch {
                throw Invalid(description: "tls_certificate \(certificate) / tls_private_key \(key): cannot be loaded: \(error)")
            }
        }
    }
}
