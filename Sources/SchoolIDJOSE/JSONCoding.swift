import Foundation

/// The JSON coders every JOSE serialization goes through: sorted keys (so signing input
/// is deterministic) and unescaped slashes (so `https://` URLs read as in the RFCs).
///
/// Token bytes (headers, claims) go through the strict ``JSONParser`` and ``JSONWriter``;
/// Foundation's coders only convert typed `Codable` claims to and from ``JSONValue``.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder = JSONDecoder()

    /// Encodes an object with these members to compact, key-sorted UTF-8 JSON bytes.
    /// - Throws: `JOSEError.malformed` for a non-finite number.
    static func encode(_ members: [String: JSONValue]) throws(JOSEError) -> [UInt8] {
        try JSONWriter.encode(object: members)
    }

    /// Parses `bytes` as one JSON object whose objects have no duplicate member names.
    ///
    /// RFC 7515 §4 / RFC 7519 §4: a recipient must reject duplicate names or take the last
    /// one. Parsers disagree on which one wins, so a parser differential
    /// (`{"alg":"none","alg":"ES256"}`, two `aud`s) is closed by rejecting duplicates outright.
    static func object(from bytes: [UInt8]) throws(JOSEError) -> [String: JSONValue] {
        try JSONParser.object(from: bytes)
    }
}
