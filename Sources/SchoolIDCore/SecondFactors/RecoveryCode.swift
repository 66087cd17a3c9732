import SchoolIDBase

/// One of an account's single-use recovery codes, stored as a hash.
///
/// ASVS 5.0 §6.5.2: a code of about 50 bits falls to offline search under a fast hash,
/// so codes are stored as scrypt PHC strings with the temporary-password profile.
public struct RecoveryCode: Hashable, Sendable {
    /// How many codes an account holds.
    public static let count = 10
    /// Characters per code.
    public static let length = 10
    /// The code alphabet: digits and lower-case letters without the look-alikes 0, 1, l
    /// and o (upper-case I and O never appear either: typed codes are lower-cased). 32
    /// symbols, so a code of ``length`` characters carries exactly ``bits`` bits.
    public static let alphabet: [Character] = Array("23456789abcdefghijkmnpqrstuvwxyz")
    /// Entropy of one code: ``length`` · log2(32) = 50.
    public static let bits = 50

    public var accountID: Account.ID
    /// 0 to ``count`` − 1.
    public var slot: Int
    /// scrypt PHC string of the normalized code.
    public var codeHash: String
    /// When it was used; `nil` while still usable.
    public var usedAt: UnixTime?

    public init(accountID: Account.ID, slot: Int, codeHash: String, usedAt: UnixTime? = nil) {
        self.accountID = accountID
        self.slot = slot
        self.codeHash = codeHash
        self.usedAt = usedAt
    }

    /// Whether the code can still be used.
    public var isUsable: Bool { usedAt == nil }

    /// Draws a new code (without the display hyphen).
    public static func generate(random: any RandomSource) -> String {
        random.string(length: length, alphabet: alphabet)
    }

    /// The code as shown once: `xxxxx-xxxxx`.
    public static func display(_ code: String) -> String {
        String(code.prefix(length / 2)) + "-" + String(code.dropFirst(length / 2))
    }

    /// The code as typed, reduced to what is hashed: lower case, without spaces and
    /// hyphens.
    /// - Returns: the normalized code, or `nil` when it cannot be a recovery code
    ///   (wrong length or a character outside ``alphabet``), so nothing is hashed.
    public static func normalized(_ typed: String) -> String? {
        let characters = typed.lowercased().filter { $0 != "-" && $0 != " " }
        guard characters.count == length, characters.allSatisfy(alphabet.contains) else { return nil }
        return characters
    }
}
