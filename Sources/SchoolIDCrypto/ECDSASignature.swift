internal import CSchoolIDOpenSSL

/// An ECDSA P-256 signature, held as the fixed-width pair (r, s).
///
/// JOSE (RFC 7518 §3.4) uses the raw form `r || s`, each left-padded to 32 bytes;
/// OpenSSL and X.509 use the DER `ECDSA-Sig-Value` SEQUENCE (RFC 3279 §2.2.3).
public struct ECDSASignature: Sendable, Hashable {
    private static let scalarByteCount = 32

    /// `r || s`, exactly 64 bytes (RFC 7518 §3.4).
    public private(set) var rawRepresentation: [UInt8]

    /// Wraps a JOSE-form signature.
    /// - Throws: ``CryptoError/invalidSignatureEncoding`` unless exactly 64 bytes.
    public init(rawRepresentation: [UInt8]) throws {
        guard rawRepresentation.count == 2 * Self.scalarByteCount else {
            throw CryptoError.invalidSignatureEncoding.with("raw P-256 signature must be 64 bytes")
        }
        self.rawRepresentation = rawRepresentation
    }

    /// Parses a DER `ECDSA-Sig-Value`.
    /// - Throws: ``CryptoError/invalidSignatureEncoding`` for malformed DER, trailing bytes,
    ///   or an r or s longer than 32 bytes.
    public init(derRepresentation: [UInt8]) throws {
        rawRepresentation = try derRepresentation.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard let signature = d2i_ECDSA_SIG(nil, &cursor, buffer.count) else {
                throw CryptoError.invalidSignatureEncoding.drainingOpenSSLErrors(after: "d2i_ECDSA_SIG")
            }
            defer { ECDSA_SIG_free(signature) }
            guard let cursor, cursor == buffer.baseAddress! + buffer.count else {
                throw CryptoError.invalidSignatureEncoding.with("trailing bytes after ECDSA-Sig-Value")
            }
            var r: OpaquePointer?, s: OpaquePointer?
            ECDSA_SIG_get0(signature, &r, &s)
            guard let r, let s,
                  let rBytes = BigNumber.bytes(of: r, padTo: Self.scalarByteCount),
                  let sBytes = BigNumber.bytes(of: s, padTo: Self.scalarByteCount)
            else { throw CryptoError.invalidSignatureEncoding.with("r or s wider than 32 bytes") }
            return rBytes + sBytes
        }
    }

    /// The DER `ECDSA-Sig-Value` for OpenSSL and X.509.
    public var derRepresentation: [UInt8] {
        // Only allocation failure can make these calls fail.
        guard let signature = ECDSA_SIG_new() else { fatalError("ECDSA_SIG_new: out of memory") }
        defer { ECDSA_SIG_free(signature) }
        guard let r = try? BigNumber.make(Array(rawRepresentation.prefix(Self.scalarByteCount))),
              let s = try? BigNumber.make(Array(rawRepresentation.suffix(Self.scalarByteCount))),
              ECDSA_SIG_set0(signature, r, s) == 1
        else { fatalError("ECDSA_SIG_set0 failed: \(OpenSSLErrorQueue.drain())") }
        let length = i2d_ECDSA_SIG(signature, nil)
        precondition(length > 0, "i2d_ECDSA_SIG failed")
        var der = [UInt8](repeating: 0, count: Int(length))
        der.withUnsafeMutableBufferPointer { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = i2d_ECDSA_SIG(signature, &cursor)
        }
        return der
    }
}
