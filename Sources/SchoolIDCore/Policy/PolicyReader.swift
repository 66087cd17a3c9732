import SchoolIDJOSE
/// Walks one JSON object of a policy file strictly: every member read is checked for
/// type and range, and ``finish()`` rejects any member that was not read. Errors name
/// the file and the member's JSON pointer.
///
/// Used only while loading; not `Sendable`, not kept.
final class PolicyReader {
    /// The policy file name, for errors.
    let file: String
    /// The JSON pointer of this object.
    let pointer: String
    private let members: [String: JSONValue]
    private var read: Set<String> = []

    /// Reads `value`, which must be an object, found at `pointer` in `file`.
    init(file: String, pointer: String, value: JSONValue) throws(PolicyError) {
        self.file = file
        self.pointer = pointer
        guard case .object(let members) = value else {
            throw PolicyError(file: file, pointer: pointer, rule: "must be an object, not \(value.typeName)")
        }
        self.members = members
    }

    /// Reads a whole policy document and checks `"version": 1`.
    static func document(file: String, value: JSONValue) throws(PolicyError) -> PolicyReader {
        let reader = try PolicyReader(file: file, pointer: "", value: value)
        guard try reader.integer("version", in: Int64.min...Int64.max) == 1 else {
            throw reader.error("version", "must be 1 (the only version this build understands)")
        }
        return reader
    }

    /// The pointer of member `key` (RFC 6901 §3 escapes `~` and `/`).
    func pointer(_ key: String) -> String {
        pointer + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// An error at member `key` (or at this object when `key` is nil).
    func error(_ key: String?, _ rule: String) -> PolicyError {
        PolicyError(file: file, pointer: key.map(pointer) ?? pointer, rule: rule)
    }

    /// The names of all members, sorted (for maps such as role → permissions).
    var keys: [String] { members.keys.sorted() }

    /// Member `key`, required.
    func value(_ key: String) throws(PolicyError) -> JSONValue {
        guard let value = members[key] else { throw error(key, "is required") }
        read.insert(key)
        return value
    }

    /// Whether member `key` is present.
    func has(_ key: String) -> Bool { members[key] != nil }

    /// An integer member within `range`.
    func integer(_ key: String, in range: ClosedRange<Int64>) throws(PolicyError) -> Int64 {
        guard case .integer(let number) = try value(key) else {
            throw error(key, "must be an integer, not \(members[key]!.typeName)")
        }
        guard range.contains(number) else { throw error(key, Self.rangeRule(range)) }
        return number
    }

    /// An integer member within `range`, as `Int`.
    func int(_ key: String, in range: ClosedRange<Int>) throws(PolicyError) -> Int {
        Int(try integer(key, in: Int64(range.lowerBound)...Int64(range.upperBound)))
    }

    /// A boolean member.
    func bool(_ key: String) throws(PolicyError) -> Bool {
        guard case .bool(let flag) = try value(key) else {
            throw error(key, "must be true or false, not \(members[key]!.typeName)")
        }
        return flag
    }

    /// A non-empty string member.
    func string(_ key: String) throws(PolicyError) -> String {
        guard case .string(let text) = try value(key) else {
            throw error(key, "must be a string, not \(members[key]!.typeName)")
        }
        guard !text.isEmpty else { throw error(key, "must not be empty") }
        return text
    }

    /// A string member that must be one of `choices`.
    func choice<T: RawRepresentable>(_ key: String, _ type: T.Type, among choices: [T]) throws(PolicyError) -> T
    where T.RawValue == String {
        let text = try string(key)
        guard let value = T(rawValue: text), choices.contains(where: { $0.rawValue == value.rawValue }) else {
            throw error(key, "must be one of \(choices.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
        }
        return value
    }

    /// An array-of-strings member; elements are reported by index.
    func strings(_ key: String) throws(PolicyError) -> [(pointer: String, value: String)] {
        guard case .array(let items) = try value(key) else {
            throw error(key, "must be an array of strings, not \(members[key]!.typeName)")
        }
        var result: [(pointer: String, value: String)] = []
        for (index, item) in items.enumerated() {
            let itemPointer = pointer(key) + "/\(index)"
            guard case .string(let text) = item else {
                throw PolicyError(file: file, pointer: itemPointer, rule: "must be a string, not \(item.typeName)")
            }
            result.append((itemPointer, text))
        }
        return result
    }

    /// An array-of-integers member, each within `range`.
    func integers(_ key: String, in range: ClosedRange<Int64>) throws(PolicyError) -> [Int64] {
        guard case .array(let items) = try value(key) else {
            throw error(key, "must be an array of integers, not \(members[key]!.typeName)")
        }
        var result: [Int64] = []
        for (index, item) in items.enumerated() {
            let itemPointer = pointer(key) + "/\(index)"
            guard case .integer(let number) = item else {
                throw PolicyError(file: file, pointer: itemPointer, rule: "must be an integer, not \(item.typeName)")
            }
            guard range.contains(number) else { throw PolicyError(file: file, pointer: itemPointer, rule: Self.rangeRule(range)) }
            result.append(number)
        }
        return result
    }

    /// A nested object member.
    func object(_ key: String) throws(PolicyError) -> PolicyReader {
        try PolicyReader(file: file, pointer: pointer(key), value: try value(key))
    }

    /// Rejects the first (alphabetically) member that was never read.
    func finish() throws(PolicyError) {
        if let unknown = members.keys.sorted().first(where: { !read.contains($0) }) {
            throw error(unknown, "unknown member")
        }
    }

    /// "must be between a and b", or "must be at least a".
    static func rangeRule(_ range: ClosedRange<Int64>) -> String {
        range.upperBound == Int64.max ? "must be at least \(range.lowerBound)"
            : "must be between \(range.lowerBound) and \(range.upperBound)"
    }
}
