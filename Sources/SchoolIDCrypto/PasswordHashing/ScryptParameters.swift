/// Cost parameters for scrypt (RFC 7914 §2) as stored in a PHC string.
public struct ScryptParameters: Sendable, Hashable, Codable {
    /// log2 of the CPU/memory cost N (PHC `ln`); 17 means N = 131072.
    public var logN: Int
    /// Block size r.
    public var r: Int
    /// Parallelisation p.
    public var p: Int
    /// Salt length in bytes (16 by default, NIST SP 800-132 §5.1 asks for at least 16).
    public var saltLength: Int
    /// Derived key length in bytes (32 by default).
    public var keyLength: Int

    /// Collects the parameters; ``PasswordHasher/hash(_:)`` validates them.
    public init(logN: Int, r: Int, p: Int, saltLength: Int = 16, keyLength: Int = 32) {
        self.logN = logN
        self.r = r
        self.p = p
        self.saltLength = saltLength
        self.keyLength = keyLength
    }
}
