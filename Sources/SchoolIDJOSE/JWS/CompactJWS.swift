import SchoolIDBase

/// The three parts of a JWS Compact Serialization (RFC 7515 §7.1), parsed but NOT verified.
///
/// Internal on purpose: nothing outside this module may act on an unverified token.
/// Parsing enforces the size limit before any decoding, exactly three parts, strict
/// unpadded base64url (RFC 7515 §2) and a well-formed header.
struct CompactJWS {
    /// `ASCII(BASE64URL(header) || '.' || BASE64URL(payload))`, the bytes that were signed.
    let signingInput: [UInt8]
    let header: JWSHeader
    let payload: [UInt8]
    let signature: [UInt8]

    /// Parses `compact`.
    /// - Parameters:
    ///   - compact: the serialized JWS.
    ///   - maximumLength: the largest accepted size in bytes.
    /// - Throws: `JOSEError.oversized`, `.malformed`, `.unsupportedAlgorithm`, `.criticalHeader`.
    init(_ compact: String, maximumLength: Int) throws(JOSEError) {
        let bytes = Array(compact.utf8)
        guard bytes.count <= maximumLength else { throw .oversized }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed }
        guard !parts[0].isEmpty, !parts[2].isEmpty,
              let headerBytes = Base64URL.decode(Substring(decoding: parts[0], as: UTF8.self)),
              let payload = Base64URL.decode(Substring(decoding: parts[1], as: UTF8.self)),
              let signature = Base64URL.decode(Substring(decoding: parts[2], as: UTF8.self))
        else { throw .malformed }
        header = try JWSHeader(jsonBytes: headerBytes)
        self.payload = payload
        self.signature = signature
        signingInput = Array(bytes[..<(parts[1].endIndex)])
    }
}
