import SchoolIDBase
import SchoolIDTesting

/// A fixture whose top-level keys are RFC section headings (`"# 4.2.  Test Case 1"`),
/// each holding one vector; other keys (such as `"source"`) are ignored.
struct SectionedVectors<Vector: Decodable & Sendable>: Decodable {
    let sections: [(heading: String, vector: Vector)]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        sections = try container.allKeys.filter { $0.stringValue.hasPrefix("#") }
            .sorted { $0.stringValue < $1.stringValue }
            .map { ($0.stringValue, try container.decode(Vector.self, forKey: $0)) }
    }

    /// Loads `path` under `Tests/Fixtures`, or no sections when it cannot be read
    /// (each suite also asserts the count, so a missing file fails loudly).
    static func load(_ path: String) -> [(heading: String, vector: Vector)] {
        (try? Fixtures.decode(Self.self, from: path).sections) ?? []
    }
}

/// Hex fixture text to bytes; a malformed fixture is a test bug, so it traps.
func hex(_ text: String) -> [UInt8] {
    guard let bytes = Hex.decode(text) else { preconditionFailure("bad hex in fixture: \(text)") }
    return bytes
}
