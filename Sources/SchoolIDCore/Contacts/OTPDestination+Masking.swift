extension OTPDestination {
    /// The value as shown back to its owner on settings pages and in `GET /v1/me/contacts`:
    /// enough to recognise it, not enough to copy it (the full value is personal data and
    /// a page or response may be seen over a shoulder or cached).
    ///
    /// - Russian numbers keep `+7`, the first digit of the operator code and the last four
    ///   digits: `+79161234567` → `+7 9** ***-45-67`. Other numbers keep the first two and
    ///   last two digits.
    /// - Email addresses keep the first character of the local part and the domain:
    ///   `petrova@example.ru` → `p***@example.ru`.
    public var masked: String {
        switch self {
        case .phone(let phone):
            let digits = Array(phone.rawValue.filter(\.isNumber))
            if digits.count == 11, digits[0] == "7" {
                return "+7 \(digits[1])** ***-\(String(digits[7...8]))-\(String(digits[9...10]))"
            }
            guard digits.count > 4 else { return "+" + String(repeating: "*", count: digits.count) }
            return "+" + String(digits.prefix(2)) + String(repeating: "*", count: digits.count - 4)
                + String(digits.suffix(2))
        case .email(let email):
            let text = email.rawValue
            guard let at = text.lastIndex(of: "@"), let first = text.first else { return "***" }
            return "\(first)***" + text[at...]
        }
    }
}
