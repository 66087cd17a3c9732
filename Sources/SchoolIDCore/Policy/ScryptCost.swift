/// scrypt cost parameters (RFC 7914 §2): N = 2^`logN`, block size `r`, parallelism `p`.
///
/// A plain value so that Core does not depend on the crypto module; the password
/// hasher maps it to OpenSSL's `EVP_KDF` "SCRYPT" and to the PHC string
/// `$scrypt$ln=…,r=…,p=…$salt$hash`, whose `ln` is this `logN`.
public struct ScryptCost: Hashable, Sendable, CustomStringConvertible {
    /// Allowed `logN`: 2^10 is the cheap test profile, 2^20 the RFC 7914 upper example.
    public static let logNRange = 10...20
    /// Allowed block size.
    public static let rRange = 1...32
    /// Allowed parallelism.
    public static let pRange = 1...16
    /// Memory ceiling: 128 · r · N bytes must stay below 1 GiB per hash.
    public static let maximumMemoryBytes = 1 << 30

    /// log2 of the CPU/memory cost N.
    public let logN: Int
    /// Block size r.
    public let r: Int
    /// Parallelism p.
    public let p: Int

    /// Creates a cost; callers validate through ``PasswordPolicy`` loading.
    public init(logN: Int, r: Int, p: Int) {
        self.logN = logN
        self.r = r
        self.p = p
    }

    /// N = 2^logN.
    public var n: Int { 1 << logN }

    /// Memory one hash needs: 128 · r · N bytes (RFC 7914 §2, the V array).
    public var memoryBytes: Int { 128 * r * n }

    /// `ln=17,r=8,p=1`, the PHC parameter string.
    public var description: String { "ln=\(logN),r=\(r),p=\(p)" }

    /// Reads `{"algorithm": "scrypt", "ln": …, "r": …, "p": …}`.
    static func read(_ reader: PolicyReader) throws(PolicyError) -> ScryptCost {
        guard try reader.string("algorithm") == "scrypt" else {
            throw reader.error("algorithm", "must be \"scrypt\" (the only password hash this build writes)")
        }
        let cost = ScryptCost(
            logN: try reader.int("ln", in: logNRange), r: try reader.int("r", in: rRange),
            p: try reader.int("p", in: pRange))
        guard cost.memoryBytes <= maximumMemoryBytes else {
            throw reader.error("r", "128 · r · 2^ln must not exceed 1 GiB (is \(cost.memoryBytes >> 20) MiB)")
        }
        try reader.finish()
        return cost
    }
}
