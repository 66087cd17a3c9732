import SchoolIDJOSE
/// `otp.json`: one-time codes sent by SMS or email (registration, recovery,
/// acknowledgements).
///
/// ASVS 5.0 V6.5.4 (at least 20 bits: 6 digits), V6.5.5 (out-of-band codes live at most
/// 10 minutes), V6.6.3 (rate limiting against brute force); NIST SP 800-63B-4 §3.1.3
/// (out-of-band) and §3.2.2 (rate limiting). Quotas exist because every SMS costs money
/// and an open "send code" button is an SMS-pumping target.
public struct OTPPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "otp.json"

    /// Send limits over an hour and a day.
    public struct Quota: Hashable, Sendable {
        /// At most this many sends in any hour.
        public let perHour: Int
        /// At most this many sends in any day.
        public let perDay: Int
    }

    /// Digits per code.
    public let length: Int
    /// Seconds a code stays valid.
    public let ttlSeconds: Int64
    /// Wrong guesses before the code is burnt.
    public let maxAttempts: Int
    /// Seconds between two sends to the same destination.
    public let resendCooldownSeconds: Int64
    /// Limits per destination (phone number or email address).
    public let perDestination: Quota
    /// Limits per client IP address.
    public let perAddress: Quota
    /// SMS cost and abuse control (`sms`).
    public let sms: SMSLimits
}

extension OTPPolicy {
    /// Decodes and validates `otp.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        length = try root.int("length", in: 6...10)
        ttlSeconds = try root.integer("ttl_seconds", in: 60...600)
        maxAttempts = try root.int("max_attempts", in: 1...10)
        resendCooldownSeconds = try root.integer("resend_cooldown_seconds", in: 10...600)
        if resendCooldownSeconds >= ttlSeconds {
            throw root.error("resend_cooldown_seconds", "must be less than ttl_seconds")
        }
        let quotas = try root.object("quotas")
        perDestination = try Self.quota(try quotas.object("per_destination"), maximumPerDay: 100)
        perAddress = try Self.quota(try quotas.object("per_address"), maximumPerDay: 10_000)
        try quotas.finish()
        sms = try SMSLimits(try root.object("sms"))
        try root.finish()
    }

    private static func quota(_ reader: PolicyReader, maximumPerDay: Int) throws(PolicyError) -> Quota {
        let perHour = try reader.int("per_hour", in: 1...maximumPerDay)
        let perDay = try reader.int("per_day", in: 1...maximumPerDay)
        guard perHour <= perDay else { throw reader.error("per_hour", "must not exceed per_day") }
        try reader.finish()
        return Quota(perHour: perHour, perDay: perDay)
    }
}
