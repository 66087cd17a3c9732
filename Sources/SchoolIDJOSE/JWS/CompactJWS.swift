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
        var compact = compact
        guard compact.utf8.count <= maximumLength else { throw .oversized }
        // Native strings are contiguous UTF-8; makeContiguousUTF8 is a no-op for them.
        compact.makeContiguousUTF8()
        let parsed: Result<CompactJWS, JOSEError>? = compact.utf8.withContiguousStorageIfAvailable { bytes in
            do throws(JOSEError) { return .success(try CompactJWS(bytes: bytes)) } catch { return .failure(error) }
        }
        guard let parsed else { throw .malformed }
        self = try parsed.get()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) throws(JOSEError) {
        guard let firstDot = bytes.firstIndex(of: UInt8(ascii: ".")),
              let secondDot = bytes[(firstDot + 1)...].firstIndex(of: UInt8(ascii: ".")),
              !bytes[(secondDot + 1)...].contains(UInt8(ascii: "."))
        else { throw .malformed }
        guard firstDot > 0, secondDot + 1 < bytes.count,
              let headerBytes = Base64URL.decode(UnsafeBufferPointer(rebasing: bytes[..<firstDot])),
              let payload = Base64URL.decode(UnsafeBufferPointer(rebasing: bytes[(firstDot + 1)..<secondDot])),
              let signature = Base64URL.decode(UnsafeBufferPointer(rebasing: bytes[(secondDot + 1)...]))
        else { throw .malformed }
        header = try JWSHeader(jsonBytes: headerBytes)
        self.payload = payload
        self.signature = signature
        signingInput = Array(UnsafeBufferPointer(rebasing: bytes[..<secondDot]))
    }
}
