/// `otp.json` `sms`: which numbers SchoolID texts and how many texts it sends per hour.
///
/// SMS pumping (toll fraud) abuses "send code" buttons to text premium or foreign
/// numbers whose carriers share the fee with the attacker; the defences are an allow
/// list of number prefixes (Russian mobiles, `+79`, by default) and a global hourly
/// budget counted in the database. The per-number hourly limit is not repeated here:
/// it is `quotas.per_destination.per_hour`, one knob for one rule.
public struct SMSLimits: Hashable, Sendable {
    /// E.164 prefixes (`+` and 1–10 digits) a phone destination must start with.
    public let allowedPrefixes: [String]
    /// At most this many SMS codes per hour over all numbers.
    public let globalPerHour: Int

    /// Whether SchoolID may text `phone` (it starts with an allowed prefix).
    public func allows(_ phone: PhoneNumber) -> Bool {
        allowedPrefixes.contains { phone.rawValue.hasPrefix($0) }
    }
}

extension SMSLimits {
    /// Decodes and validates the `sms` object.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ reader: PolicyReader) throws(PolicyError) {
        let prefixes = try reader.strings("allowed_prefixes")
        guard !prefixes.isEmpty, prefixes.count <= 100 else {
            throw reader.error("allowed_prefixes", "must list 1 to 100 prefixes")
        }
        for (pointer, prefix) in prefixes {
            let digits = prefix.utf8.dropFirst()
            guard prefix.hasPrefix("+"), (1...10).contains(digits.count),
                  digits.allSatisfy({ (0x30...0x39).contains($0) })
            else {
                throw PolicyError(file: reader.file, pointer: pointer, rule: "must be + followed by 1 to 10 digits")
            }
        }
        allowedPrefixes = prefixes.map(\.value)
        globalPerHour = try reader.int("global_per_hour", in: 1...1_000_000)
        try reader.finish()
    }
}
