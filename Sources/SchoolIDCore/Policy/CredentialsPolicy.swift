import SchoolIDJOSE
import Foundation

/// `credentials.json`: temporary credentials that teachers issue to students.
///
/// Temporary passwords are generated (ASVS 5.0 V6.4.1: securely random, expire after
/// a short period, cannot become the long-term password), drawn from an alphabet
/// without look-alike characters so that a child can copy them from a slip.
public struct CredentialsPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "credentials.json"
    /// Characters that must never be in the alphabet: 0/O/o and 1/l/I look alike.
    public static let lookalikeCharacters: Set<Character> = ["0", "O", "o", "1", "l", "I"]
    /// Least entropy of a temporary password, in bits (length · log2(alphabet size)).
    public static let minimumEntropyBits = 40.0

    /// How long a temporary password stays usable, in days.
    public let lifetimeDays: Int
    /// Length of a temporary password in characters.
    public let passwordLength: Int
    /// The characters temporary passwords are drawn from, in file order.
    public let alphabet: [Character]
    /// The login pattern.
    public let loginPattern: LoginPattern

    /// Lifetime in seconds.
    public var lifetimeSeconds: Int64 { Int64(lifetimeDays) * 86_400 }

    /// Entropy of one temporary password, in bits.
    public var entropyBits: Double { Double(passwordLength) * log2(Double(alphabet.count)) }
}

extension CredentialsPolicy {
    /// Decodes and validates `credentials.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        let temporary = try root.object("temporary_password")
        lifetimeDays = try temporary.int("lifetime_days", in: 1...90)
        passwordLength = try temporary.int("length", in: 8...64)
        alphabet = try Self.readAlphabet(temporary)
        let bits = Double(passwordLength) * log2(Double(alphabet.count))
        if bits < Self.minimumEntropyBits {
            throw temporary.error(
                "length", "gives \(Int(bits)) bits with this alphabet; at least \(Int(Self.minimumEntropyBits)) required")
        }
        try temporary.finish()
        let pattern = try root.string("login_pattern")
        do {
            loginPattern = try LoginPattern(parsing: pattern)
        } catch {
            throw root.error("login_pattern", error.reason)
        }
        try root.finish()
    }

    private static func readAlphabet(_ reader: PolicyReader) throws(PolicyError) -> [Character] {
        let text = try reader.string("alphabet")
        let characters = Array(text)
        if let bad = characters.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) {
            throw reader.error("alphabet", "must contain only ASCII letters and digits, found \"\(bad)\"")
        }
        let lookalikes = characters.filter(lookalikeCharacters.contains)
        if !lookalikes.isEmpty {
            throw reader.error("alphabet", "must not contain look-alike characters \(String(lookalikes)) (0/O/o, 1/l/I)")
        }
        guard Set(characters).count == characters.count else {
            throw reader.error("alphabet", "must not repeat a character")
        }
        guard characters.count >= 16 else { throw reader.error("alphabet", "must have at least 16 characters") }
        return characters
    }
}
