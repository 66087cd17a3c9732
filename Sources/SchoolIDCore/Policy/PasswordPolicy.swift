import SchoolIDJOSE
import Foundation

/// `passwords.json`: length rules, the blocklist and the scrypt costs.
///
/// NIST SP 800-63B-4 §3.1.1.2: at least 15 characters for a password used as a single
/// factor, at least 8 when it is one factor of several; no composition rules; no
/// periodic expiry; a blocklist. Students get 8 without a second factor, a documented
/// deviation (`policies/README.md`).
public struct PasswordPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "passwords.json"
    /// Range allowed for every minimum length.
    public static let minimumLengthRange = 8...128
    /// Range allowed for the maximum length (ASVS 5.0 V6.2.9: at least 64 permitted).
    public static let maximumLengthRange = 64...Password.absoluteMaximumLength

    /// Minimum length for guardians and trusted persons without a second factor.
    public let guardianWithoutSecondFactor: Int
    /// Minimum length for guardians and trusted persons with a second factor.
    public let guardianWithSecondFactor: Int
    /// Minimum length for staff (teachers, administrators) without a second factor.
    public let staffWithoutSecondFactor: Int
    /// Minimum length for staff with a second factor.
    public let staffWithSecondFactor: Int
    /// Minimum length for students.
    public let student: Int
    /// Maximum length in Unicode scalars after NFKC.
    public let maximumLength: Int
    /// The blocklist file name, relative to the policy directory.
    public let blocklistFile: String
    /// The loaded blocklist.
    public let blocklist: PasswordBlocklist
    /// Whether the login and its obvious variants are refused as passwords.
    public let rejectLoginVariants: Bool
    /// scrypt cost for passwords people choose.
    public let userHashCost: ScryptCost
    /// scrypt cost for system-generated temporary passwords (high entropy, short-lived).
    public let temporaryHashCost: ScryptCost
    /// Whether a successful login rehashes a password stored under other parameters.
    public let rehashOnLogin: Bool

    /// The minimum length that applies to an account.
    /// - Parameters:
    ///   - role: the account's role.
    ///   - hasSecondFactor: whether the account has a second factor enrolled.
    public func minimumLength(for role: Role, hasSecondFactor: Bool) -> Int {
        switch role {
        case .student: student
        case .guardian, .trustedPerson: hasSecondFactor ? guardianWithSecondFactor : guardianWithoutSecondFactor
        case .teacher, .schoolAdmin, .platformAdmin: hasSecondFactor ? staffWithSecondFactor : staffWithoutSecondFactor
        }
    }
}

extension PasswordPolicy {
    /// Decodes and validates `passwords.json`, loading the blocklist it names.
    /// - Parameters:
    ///   - value: the parsed document.
    ///   - directory: the policy directory, where the blocklist lives.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue, directory: URL) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        let minimums = try root.object("minimum_length")
        let range = Self.minimumLengthRange
        guardianWithoutSecondFactor = try minimums.int("guardian_without_second_factor", in: range)
        guardianWithSecondFactor = try minimums.int("guardian_with_second_factor", in: range)
        staffWithoutSecondFactor = try minimums.int("staff_without_second_factor", in: range)
        staffWithSecondFactor = try minimums.int("staff_with_second_factor", in: range)
        student = try minimums.int("student", in: range)
        try minimums.finish()
        if guardianWithSecondFactor > guardianWithoutSecondFactor {
            throw minimums.error("guardian_with_second_factor", "must not exceed guardian_without_second_factor")
        }
        if staffWithSecondFactor > staffWithoutSecondFactor {
            throw minimums.error("staff_with_second_factor", "must not exceed staff_without_second_factor")
        }
        maximumLength = try root.int("maximum_length", in: Self.maximumLengthRange)
        let longest = [guardianWithoutSecondFactor, staffWithoutSecondFactor, student].max()!
        if longest > maximumLength { throw root.error("maximum_length", "must be at least every minimum length") }
        blocklistFile = try root.string("blocklist_file")
        blocklist = try Self.loadBlocklist(blocklistFile, directory: directory, reader: root)
        rejectLoginVariants = try root.bool("reject_login_variants")
        let hashing = try root.object("hashing")
        userHashCost = try ScryptCost.read(try hashing.object("user"))
        temporaryHashCost = try ScryptCost.read(try hashing.object("temporary"))
        rehashOnLogin = try hashing.bool("rehash_on_login")
        try hashing.finish()
        try root.finish()
    }

    private static func loadBlocklist(_ name: String, directory: URL, reader: PolicyReader) throws(PolicyError)
        -> PasswordBlocklist
    {
        guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
            throw reader.error("blocklist_file", "must be a path inside the policy directory")
        }
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
        else { throw reader.error("blocklist_file", "cannot read \(name) in the policy directory") }
        return PasswordBlocklist(fileContents: text)
    }
}
