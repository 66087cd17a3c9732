/// Chunked transfer coding (RFC 9112 §7.1) for `RequestParser`.
extension RequestParser {
    /// Parses `chunk-size [ chunk-ext ]` and moves to the chunk's data, or to the
    /// trailer section after the last chunk.
    ///
    /// The size is 1*HEXDIG; more than 15 significant digits cannot fit and is 400
    /// `invalid_chunk` (never wrapped), while a size that fits but would take the
    /// content past `maxBodyBytes` is 413 before any of its data is read.
    mutating func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) {
        var index = line.startIndex
        while index < line.endIndex && line[index] == 0x30 { index += 1 }
        let significantStart = index
        var size = 0
        while index < line.endIndex && HTTPSyntax.isHex(line[index]) {
            guard index - significantStart < 15 else { throw .invalidChunk }
            size = size << 4 | HTTPSyntax.hexValue(line[index])
            index += 1
        }
        guard index > line.startIndex else { throw .invalidChunk }
        guard Self.isChunkExtension(line[index...]) else { throw .invalidChunk }
        if size == 0 {
            state = .trailers
            return
        }
        guard size <= limits.maxBodyBytes - chunkedBody.count else { throw .bodyTooLarge }
        state = .chunkData(remaining: size)
    }

    /// `chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] )` with
    /// `ext-val = token / quoted-string` (RFC 9112 §7.1.1). Extensions are ignored.
    static func isChunkExtension(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func skipWhitespace() { while index < end && HTTPSyntax.isWhitespace(bytes[index]) { index += 1 } }
        func skipToken() -> Bool {
            let tokenStart = index
            while index < end && HTTPSyntax.isToken(bytes[index]) { index += 1 }
            return index > tokenStart
        }
        while true {
            skipWhitespace()
            if index == end { return true }
            guard bytes[index] == 0x3B else { return false }
            index += 1
            skipWhitespace()
            guard skipToken() else { return false }
            skipWhitespace()
            guard index < end, bytes[index] == 0x3D else { continue }
            index += 1
            skipWhitespace()
            guard index < end else { return false }
            if bytes[index] == 0x22 {
                guard let after = quotedStringEnd(bytes, from: index) else { return false }
                index = after
            } else if !skipToken() {
                return false
            }
        }
    }

    /// The index after a `quoted-string` starting at `from` (RFC 9110 §5.6.4), or nil.
    static func quotedStringEnd(_ bytes: ArraySlice<UInt8>, from: Int) -> Int? {
        var index = from + 1
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case 0x22:
                return index + 1
            case 0x5C:
                guard index + 1 < bytes.endIndex, HTTPSyntax.isFieldValue(bytes[index + 1]) else { return nil }
                index += 2
            default:
                guard HTTPSyntax.isFieldValue(byte) else { return nil }
                index += 1
            }
        }
        return nil
    }
}
