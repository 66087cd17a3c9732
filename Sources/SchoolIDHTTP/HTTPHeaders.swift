/// An ordered list of header fields with case-insensitive names (RFC 9110 §5).
///
/// Values are kept as sent; the parser has already validated them (RFC 9110 §5.5).
/// Lookups compare names case-insensitively (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Sequence, CustomStringConvertible {
    public typealias Element = (name: String, value: String)

    struct Field: Sendable {
        var name: String
        var value: String
        var key: String  // the lowercased name
    }

    private(set) var fields: [Field] = []

    /// An empty field list.
    public init() {}

    /// Fields in the order given.
    public init(_ pairs: [(String, String)]) {
        fields.reserveCapacity(pairs.count)
        for (name, value) in pairs { add(name, value) }
    }

    /// The first value of `name`, case-insensitively.
    public subscript(_ name: String) -> String? {
        let key = Self.key(name)
        return fields.first(where: { $0.key == key })?.value
    }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] {
        let key = Self.key(name)
        return fields.filter { $0.key == key }.map(\.value)
    }

    /// Appends a field.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value, key: Self.key(name)))
    }

    /// Replaces every value of `name` with `value`, keeping the first field's position.
    public mutating func set(_ name: String, _ value: String) {
        let key = Self.key(name)
        if let index = fields.firstIndex(where: { $0.key == key }) {
            fields[index] = Field(name: name, value: value, key: key)
            var next = index + 1
            while next < fields.count {
                if fields[next].key == key { fields.remove(at: next) } else { next += 1 }
            }
        } else {
            add(name, value)
        }
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        let key = Self.key(name)
        fields.removeAll { $0.key == key }
    }

    /// Whether a field named `name` is present.
    public func contains(_ name: String) -> Bool {
        let key = Self.key(name)
        return fields.contains { $0.key == key }
    }

    /// The number of field lines.
    public var count: Int { fields.count }

    /// Comma-separated list members of every `name` field, trimmed, lowercased, empty
    /// members dropped (RFC 9110 §5.6.1), e.g. the `Connection` options.
    public func tokens(for name: String) -> [String] {
        values(for: name).flatMap { value in
            value.split(separator: ",").compactMap { member in
                let trimmed = member.trimmingOWS()
                return trimmed.isEmpty ? nil : trimmed.lowercased()
            }
        }
    }

    public func makeIterator() -> some IteratorProtocol<Element> {
        fields.lazy.map { (name: $0.name, value: $0.value) }.makeIterator()
    }

    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    /// ASCII-lowercases a field name (names are tokens, so ASCII is enough).
    static func key(_ name: String) -> String {
        if !name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return name }
        return String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

extension Substring {
    /// Drops leading and trailing SP and HTAB (RFC 9110 §5.6.3 OWS).
    func trimmingOWS() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
