import Foundation
import SchoolIDJOSE

extension JSONValue {
    /// Parses a policy file into a JSON tree, so the reader can name the JSON pointer of
    /// an unknown or invalid member (a `Decodable` struct could not). The strict parser
    /// rejects a member given twice, which would otherwise silently take one value.
    static func parsePolicy(_ data: Data) throws -> JSONValue {
        try JSONValue(parsing: Array(data))
    }

    /// The JSON type's name, for error messages ("must be an integer, not a string").
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
