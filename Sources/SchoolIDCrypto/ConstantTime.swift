internal import CSchoolIDOpenSSL

/// Comparison whose running time does not depend on where inputs differ.
public enum ConstantTime {
    /// Whether `a` and `b` are equal, compared with `CRYPTO_memcmp`.
    ///
    /// Lengths are not secret (a MAC or hash has a fixed length), so a length mismatch
    /// returns `false` at once.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { lhs in
            b.withUnsafeBytes { rhs in CRYPTO_memcmp(lhs.baseAddress, rhs.baseAddress, a.count) == 0 }
        }
    }
}
