import Foundation

/// The JSON coders every JOSE serialization goes through: sorted keys (so signing input
/// is deterministic) and unescaped slashes (so `https://` URLs read as in the RFCs).
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder = JSONDecoder()

    /// Encodes `value` to UTF-8 JSON bytes.
    static func encode(_ value: some Encodable) throws(JOSEError) -> [UInt8] {
        do { return Array(try encoder.encode(value)) } catch { throw .malformed }
    }

    /// Parses `bytes` as one JSON object whose objects have no duplicate member names.
    ///
    /// RFC 7515 §4 / RFC 7519 §4: a recipient must reject duplicate names or take the last
    /// one. Foundation keeps the first, so a parser differential (`{"alg":"none","alg":"ES256"}`,
    /// two `aud`s) is closed by rejecting duplicates outright.
    static func object(from bytes: [UInt8]) throws(JOSEError) -> [String: JSONValue] {
        let object: [String: JSONValue]
        do { object = try decoder.decode([String: JSONValue].self, from: Data(bytes)) } catch { throw .malformed }
        guard hasUniqueMemberNames(bytes) else { throw .malformed }
        return object
    }

    /// Walks already-valid JSON and checks every object's member names for duplicates
    /// (comparing decoded names, so `"a"` and `"\u0061"` collide).
    static func hasUniqueMemberNames(_ bytes: [UInt8]) -> Bool {
        // One entry per open container: the names seen so far, or nil for an array.
        var frames: [Set<String>?] = []
        var expectingName = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                frames.append([])
                expectingName = true
            case UInt8(ascii: "["):
                frames.append(nil)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = frames.popLast()
                expectingName = false
            case UInt8(ascii: ","):
                expectingName = frames.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                if expectingName, var names = frames.popLast() ?? nil {
                    guard let name = try? decoder.decode(String.self, from: Data(bytes[start...min(index, bytes.count - 1)])),
                          names.insert(name).inserted
                    else { return false }
                    frames.append(names)
                    expectingName = false
                }
            default:
                break
            }
            index += 1
        }
        return true
    }
}
