import SchoolIDBase
import SchoolIDCrypto

/// Generation and at-rest hashing of one-time codes.
public enum OTPCode {
    /// A code of `length` decimal digits, each drawn uniformly from `random` (leading
    /// zeros allowed, so every one of the 10^length codes is equally likely: ASVS 5.0
    /// V6.5.4 wants at least 20 bits, 6 digits give 19.9 bits plus the attempt limit).
    public static func generate(length: Int, using random: any RandomSource) -> Secret<String> {
        precondition(length > 0, "a code has digits")
        let digits = (0..<length).map { _ in Character(String(random.uniform(below: 10))) }
        return Secret(String(digits))
    }

    /// Whether `text` is exactly `length` ASCII digits.
    public static func isWellFormed(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// HMAC-SHA-256 (RFC 2104) under the `otp` key over
    /// `schoolid:v1:otp:<challenge id>:<code>`. Binding the challenge id means equal
    /// codes of two challenges hash differently, and a hash copied to another row fails.
    public static func hash(_ code: String, challengeID: Challenge.ID, key: SymmetricKey) -> [UInt8] {
        HMAC.sha256(key: key.unsafeBytes, data: Array("schoolid:v1:otp:\(challengeID.rawValue):\(code)".utf8))
    }
}
