import SchoolIDJOSE
import SchoolIDBase

/// `guardianship.json`: how guardians link to children (issue 7).
///
/// A child has at most `max_guardians_per_child` active or pending guardians (two
/// parents plus, say, a legal representative and a step-parent); a link code a teacher
/// prints on the credential slip lives `link_code_seconds`; each new link is announced
/// to the class teacher when `notify_class_teacher` is on (the other guardians are
/// always told: a link they did not expect is the sign of a mistake or an abuse).
public struct GuardianshipPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "guardianship.json"

    /// Active plus pending guardians one child may have (1 … 10).
    public let maxGuardiansPerChild: Int
    /// Lifetime of a link code, seconds (1 hour … 60 days).
    public let linkCodeSeconds: Int64
    /// Whether the class teacher is notified of a new link.
    public let notifyClassTeacher: Bool
}

extension GuardianshipPolicy {
    /// Decodes and validates `guardianship.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        maxGuardiansPerChild = try root.int("max_guardians_per_child", in: 1...10)
        linkCodeSeconds = try root.integer("link_code_seconds", in: 3_600...5_184_000)
        notifyClassTeacher = try root.bool("notify_class_teacher")
        try root.finish()
    }
}
