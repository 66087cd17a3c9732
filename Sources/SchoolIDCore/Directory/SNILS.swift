/// A SNILS (страховой номер индивидуального лицевого счёта), the Russian personal
/// insurance account number: 9 digits and 2 check digits, written `123-456-789 01`.
///
/// Check digits (Pension Fund of Russia data format, section "Алгоритм формирования
/// контрольного числа Страхового номера"): multiply each of the first 9 digits by its
/// position counted from the end (9…1) and sum; a sum below 100 is the check number;
/// 100 or 101 give `00`; above 101 take the sum modulo 101, and a remainder of 100
/// gives `00`. Numbers up to and including 001-001-998 were issued before the rule and
/// are not checked.
///
/// SNILS is personal data: `description` masks all but the check digits; at rest it is
/// sealed with a blind index (``AccountSNILS``).
public struct SNILS: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 11 digits without separators.
    public let rawValue: String

    /// Validates 11 plain digits; `nil` when they are not a valid SNILS.
    public init?(rawValue: String) {
        guard rawValue.count == 11, let snils = try? SNILS(parsing: rawValue) else { return nil }
        self = snils
    }

    /// Parses a SNILS typed with or without spaces and dashes (`123-456-789 64`,
    /// `12345678964`).
    /// - Throws: `DomainError(.snilsInvalid)`, whose detail says whether the digits or
    ///   the check number are wrong.
    public init(parsing input: String) throws(DomainError) {
        let text = input.filter { $0 != " " && $0 != "-" && $0 != "\u{00A0}" }
        guard text.count == 11, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError(.snilsInvalid, detail: "a SNILS has 11 digits")
        }
        let digits = text.map { Int($0.asciiValue! - 0x30) }
        let number = digits.prefix(9).reduce(0) { $0 * 10 + $1 }
        if number > Self.lastUncheckedNumber {
            guard Self.checkNumber(digits: Array(digits.prefix(9))) == digits[9] * 10 + digits[10] else {
                throw DomainError(.snilsInvalid, detail: "the check number does not match")
            }
        }
        rawValue = text
    }

    /// 001-001-998: this and lower numbers were issued before check digits existed.
    static let lastUncheckedNumber = 1_001_998

    /// The check number (0…99) of the first nine digits.
    static func checkNumber(digits: [Int]) -> Int {
        let sum = zip(digits, (1...9).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
        switch sum {
        case ..<100: return sum
        case 100, 101: return 0
        default: return sum % 101 == 100 ? 0 : sum % 101
        }
    }

    /// The 11 digits without separators (the normalised form the blind index covers).
    public var digits: String { rawValue }

    /// The conventional written form, `123-456-789 01`.
    public var formatted: String {
        let d = Array(rawValue)
        return "\(String(d[0..<3]))-\(String(d[3..<6]))-\(String(d[6..<9])) \(String(d[9..<11]))"
    }

    /// `***-***-*** 01`: enough to tell two numbers apart in a log, not to reveal one.
    public var description: String { "***-***-*** " + rawValue.suffix(2) }
}
