/// Where randomness comes from. Production uses ``SystemRandomSource`` (getrandom);
/// tests use the seeded source in `SchoolIDTesting`, which `schoolid` never links.
public protocol RandomSource: Sendable {
    /// Fills `bytes` with random bytes.
    func fill(_ bytes: inout [UInt8])
}

extension RandomSource {
    /// `count` random bytes.
    public func bytes(count: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        fill(&buffer)
        return buffer
    }

    /// A base64url (unpadded) token of `bytes` random bytes: 32 bytes give 256 bits.
    public func token(bytes count: Int = 32) -> String {
        Base64URL.encode(bytes(count: count))
    }

    /// A uniformly distributed integer in `0..<upperBound`, by rejection sampling
    /// (no modulo bias, which matters for codes and temporary passwords).
    public func uniform(below upperBound: UInt32) -> UInt32 {
        precondition(upperBound > 0, "upper bound must be positive")
        let limit = UInt32.max - UInt32.max % upperBound
        while true {
            let raw = bytes(count: 4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            if raw < limit { return raw % upperBound }
        }
    }

    /// A string of `length` characters drawn uniformly from `alphabet`.
    public func string(length: Int, alphabet: [Character]) -> String {
        precondition(!alphabet.isEmpty, "alphabet must not be empty")
        return String((0..<length).map { _ in alphabet[Int(uniform(below: UInt32(alphabet.count)))] })
    }
}

/// The operating system's CSPRNG (`getrandom` on Linux).
public struct SystemRandomSource: RandomSource {
    /// Creates the source.
    public init() {}

    public func fill(_ bytes: inout [UInt8]) {
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
    }
}
