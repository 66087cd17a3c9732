import Foundation

/// Any JSON value, kept as parsed so that header parameters and claims this module does
/// not model (yet) survive a decode and re-encode unchanged.
///
/// Integers that fit in `Int64` stay exact (`integer`); other numbers are `number`.
/// Later issues turn `extra` claims into typed values with ``decode(_:)``.
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Foundation's coders bridge typed custom claims only; tokens themselves go through
    /// ``JSONParser`` and ``JSONWriter``, which are strict and several times faster.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private static let decoder = JSONDecoder()

    /// Converts any `Encodable` value into its JSON form (for typed custom claims).
    /// - Throws: `JOSEError.malformed` when `value` does not encode to JSON.
    public init(encoding value: some Encodable) throws(JOSEError) {
        do {
            let data = try JSONValue.encoder.encode(value)
            self = try JSONParser.parse(data)
        } catch {
            throw .malformed
        }
    }

    /// Decodes this JSON value as `T` (for typed custom claims).
    /// - Throws: `JOSEError.malformed` when the value does not have `T`'s shape.
    public func decode<T: Decodable>(_ type: T.Type) throws(JOSEError) -> T {
        do {
            return try JSONValue.decoder.decode(T.self, from: Data(JSONWriter.encode(self)))
        } catch {
            throw .malformed
        }
    }

    /// The string, when this is a JSON string.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }
}

extension JSONValue {
    /// Parses strict RFC 8259 JSON, rejecting duplicate member names (RFC 7515 §4 and
    /// RFC 8259 §4: receivers disagree on which duplicate wins), unpaired surrogates,
    /// invalid UTF-8 and nesting deeper than 32.
    /// - Throws: `JOSEError.malformed` for anything else.
    public init(parsing bytes: [UInt8]) throws(JOSEError) {
        self = try JSONParser.parse(bytes)
    }
}
