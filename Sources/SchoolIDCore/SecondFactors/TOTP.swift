import SchoolIDBase
import SchoolIDCrypto

/// Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226) with HMAC-SHA-1,
/// the parameters every authenticator app supports.
///
/// RFC 6238 §4: `T = floor((now − T0) / X)` with `T0 = 0`; the code is
/// `HOTP(K, T)`, the dynamically truncated HMAC (RFC 4226 §5.3) reduced modulo
/// `10^digits`. Verification (§5.2) accepts a small window of steps around now for
/// clock drift and the time it takes to type, and §5.2's "MUST NOT accept the second
/// attempt of the same OTP" is enforced through `lastUsedStep`: a step at or before the
/// last accepted one is refused.
public struct TOTP: Sendable, Hashable {
    /// Digits in a code (RFC 4226 §5.3: at least 6).
    public let digits: Int
    /// Time step X in seconds (RFC 6238 §5.2 recommends 30).
    public let period: Int64

    /// SchoolID's profile: 6 digits every 30 seconds, as the `otpauth://` URI announces.
    public static let standard = TOTP(digits: 6, period: 30)

    /// - Parameters:
    ///   - digits: 6 to 8 (RFC 4226 §5.3 and RFC 6238 Appendix A).
    ///   - period: seconds per step, positive.
    public init(digits: Int, period: Int64) {
        precondition((6...8).contains(digits), "RFC 4226 codes have 6 to 8 digits")
        precondition(period > 0, "the time step is positive")
        self.digits = digits
        self.period = period
    }

    /// The time step T containing `time` (RFC 6238 §4.2, T0 = 0).
    public func step(at time: UnixTime) -> Int64 {
        let (quotient, remainder) = time.seconds.quotientAndRemainder(dividingBy: period)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The code for `time` (RFC 6238 §4.2).
    /// - Parameters:
    ///   - secret: the shared key K.
    ///   - time: the moment to compute for.
    /// - Returns: `digits` decimal digits, zero-padded.
    public func code(secret: [UInt8], at time: UnixTime) -> String {
        code(secret: secret, step: step(at: time))
    }

    /// HOTP(K, C) for counter `step` (RFC 4226 §5.3).
    /// - Returns: `digits` decimal digits, zero-padded.
    public func code(secret: [UInt8], step: Int64) -> String {
        let counter = UInt64(bitPattern: step)
        let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * UInt64($0))) }
        let mac = HMAC.sha1(key: secret, data: message)
        // RFC 4226 §5.3 dynamic truncation: the low nibble of the last byte picks 4 bytes.
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16
            | UInt32(mac[offset + 2]) << 8 | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The step whose code is `code`, within `window` steps of now and after
    /// `lastUsedStep`.
    ///
    /// Every step of the window is computed and compared in constant time, so the time
    /// taken does not tell which step (or how many digits) matched.
    /// - Parameters:
    ///   - code: what the person typed; spaces are ignored.
    ///   - secret: the shared key K.
    ///   - now: the verifier's time.
    ///   - window: steps accepted on each side of now (RFC 6238 §6 recommends one).
    ///   - lastUsedStep: the last step accepted for this account, or `nil`; it and
    ///     earlier steps are refused (each step is accepted at most once).
    /// - Returns: the matching step to record as used, or `nil`.
    public func matchingStep(code: String, secret: [UInt8], now: UnixTime, window: Int64 = 1,
                             after lastUsedStep: Int64?) -> Int64?
    {
        let typed = Array(code.utf8.filter { $0 != UInt8(ascii: " ") })
        guard typed.count == digits, typed.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        let current = step(at: now)
        var matched: Int64?
        for candidate in (current - window)...(current + window) {
            let expected = Array(self.code(secret: secret, step: candidate).utf8)
            let equal = ConstantTime.equals(expected, typed)
            if equal, matched == nil, candidate > (lastUsedStep ?? Int64.min) { matched = candidate }
        }
        return matched
    }
}
