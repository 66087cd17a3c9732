internal import CSchoolIDOpenSSL
public import SchoolIDBase

/// A ``RandomSource`` backed by OpenSSL's CSPRNG (`RAND_bytes`).
public struct OpenSSLRandomSource: RandomSource {
    /// Creates the source.
    public init() {}

    /// Fills `bytes` from `RAND_bytes`.
    ///
    /// `RAND_bytes` fails only when the DRBG cannot be seeded; continuing with
    /// predictable bytes would be worse than stopping, so that is a fatal error.
    public func fill(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let count = bytes.count
        let ok = bytes.withUnsafeMutableBytes { RAND_bytes($0.baseAddress, Int32(count)) }
        precondition(ok == 1, "RAND_bytes failed: \(OpenSSLErrorQueue.drain())")
    }
}
