/// Part header sections (RFC 7578 §4.1–4.4, field syntax of RFC 5322 §2.2 with RFC 9110
/// §5.5 value characters).
extension MultipartParser {
    /// What a part's headers say; `end` is the index just after the blank line.
    struct PartHeaders {
        var name: String
        var filename: String?
        var contentType: String?
        var end: Int
    }

    /// Reads `Name: value` lines ended by CRLF up to an empty line. Only
    /// `Content-Disposition` and `Content-Type` are kept (RFC 7578 §4.8: others are
    /// ignored); each may appear once.
    func partHeaders(from start: Int) throws(MultipartError) -> PartHeaders {
        var disposition: String?
        var contentType: String?
        var lineStart = start
        while true {
            let lineEnd = try lineEnd(from: lineStart, sectionStart: start)
            if lineEnd == lineStart {
                guard let disposition else { throw .invalid("missing Content-Disposition") }
                let (name, filename) = try Self.formDataDisposition(disposition)
                return PartHeaders(name: name, filename: filename, contentType: contentType, end: lineEnd + 2)
            }
            let (key, value) = try field(body[lineStart..<lineEnd])
            switch key {
            case "content-disposition":
                guard disposition == nil else { throw .invalid("repeated Content-Disposition") }
                disposition = value
            case "content-type":
                guard contentType == nil else { throw .invalid("repeated Content-Type") }
                contentType = value
            default:
                break
            }
            lineStart = lineEnd + 2
        }
    }

    /// The index of the CR that ends the line starting at `lineStart`, which must be
    /// followed by LF; a lone CR or LF is refused (a parser that accepted bare LF would
    /// see different fields than one that did not).
    private func lineEnd(from lineStart: Int, sectionStart: Int) throws(MultipartError) -> Int {
        let limit = min(body.count, sectionStart + limits.maximumPartHeaderBytes)
        var index = lineStart
        while index < limit {
            switch body[index] {
            case HTTPSyntax.lf:
                throw .invalid("bare LF in part headers")
            case HTTPSyntax.cr:
                guard index + 1 < limit else { break }
                guard body[index + 1] == HTTPSyntax.lf else { throw .invalid("bare CR in part headers") }
                return index
            default:
                break
            }
            index += 1
        }
        throw limit < body.count ? .invalid("part header section too long") : .invalid("part headers not terminated")
    }

    /// `field-name ":" OWS field-value OWS`, the name lower-cased. Folded lines,
    /// controls and values that are not UTF-8 are refused.
    private func field(_ line: ArraySlice<UInt8>) throws(MultipartError) -> (String, String) {
        guard let colon = line.firstIndex(of: HTTPSyntax.colon), colon > line.startIndex,
              line[..<colon].allSatisfy(HTTPSyntax.isToken) else {
            throw .invalid("malformed part header")
        }
        var value = line[(colon + 1)...]
        while let first = value.first, HTTPSyntax.isWhitespace(first) { value.removeFirst() }
        while let last = value.last, HTTPSyntax.isWhitespace(last) { value.removeLast() }
        guard value.allSatisfy(HTTPSyntax.isFieldValue), let text = String(validating: value, as: UTF8.self) else {
            throw .invalid("malformed part header")
        }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        return (HTTPHeaders.key(name), text)
    }

    /// RFC 7578 §4.2: `form-data` with a `name`; `filename` reduced to its last path
    /// component; `filename*` and other parameters ignored.
    private static func formDataDisposition(_ value: String) throws(MultipartError) -> (String, String?) {
        let bytes = Array(value.utf8)
        var index = 0
        guard let type = HTTPParameters.token(bytes, &index) else { throw .invalid("invalid Content-Disposition") }
        guard HTTPHeaders.key(type) == "form-data" else { throw .invalid("Content-Disposition is not form-data") }
        guard let parameters = HTTPParameters.parse(bytes, from: index) else {
            throw .invalid("invalid Content-Disposition")
        }
        guard let name = parameters["name"] else { throw .invalid("Content-Disposition has no name") }
        return (name, parameters["filename"].map(lastPathComponent))
    }

    /// The text after the last `/` or `\`: browsers send a base name, but older ones and
    /// scripted clients sent whole paths (RFC 7578 §4.2).
    private static func lastPathComponent(_ filename: String) -> String {
        guard let separator = filename.utf8.lastIndex(where: { $0 == 0x2F || $0 == 0x5C }) else { return filename }
        return String(filename[filename.utf8.index(after: separator)...])
    }
}
