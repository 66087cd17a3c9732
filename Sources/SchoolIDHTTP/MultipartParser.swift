/// The framing half of `MultipartFormData`: delimiters and part boundaries
/// (RFC 2046 §5.1.1). Part header lines are in `MultipartParser+Headers.swift`.
struct MultipartParser {
    private static let hyphen: UInt8 = 0x2D

    let body: [UInt8]
    let limits: MultipartFormData.Limits
    /// `--boundary`, which may open the body without a CRLF before it.
    private let dashBoundary: [UInt8]
    /// `CRLF--boundary`: every other delimiter.
    private let delimiter: DelimiterSearch

    /// Checks the boundary against RFC 2046 §5.1.1:
    /// `boundary := 0*69<bchars> bcharsnospace`.
    init(body: [UInt8], boundary: String, limits: MultipartFormData.Limits) throws(MultipartError) {
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.allSatisfy(Self.isBoundaryCharacter),
              bytes.last != HTTPSyntax.space else {
            throw .invalid("invalid boundary")
        }
        self.body = body
        self.limits = limits
        dashBoundary = [Self.hyphen, Self.hyphen] + bytes
        delimiter = DelimiterSearch(pattern: [HTTPSyntax.cr, HTTPSyntax.lf] + dashBoundary)
    }

    /// Every part up to the close delimiter.
    func parts() throws(MultipartError) -> [MultipartFormData.Part] {
        var position = try firstBoundaryEnd()
        var parts: [MultipartFormData.Part] = []
        while try !isCloseDelimiter(after: &position) {
            guard parts.count < limits.maximumParts else { throw .tooManyParts(limit: limits.maximumParts) }
            let headers = try partHeaders(from: position)
            // Search from the blank line's CRLF: a part with headers and no body
            // (`body-part := MIME-part-headers [CRLF *OCTET]`) lends it to the delimiter.
            guard let end = delimiter.firstMatch(in: body, from: headers.end - 2) else {
                throw .invalid("missing close delimiter")
            }
            let content = headers.end <= end ? Array(body[headers.end..<end]) : []
            parts.append(MultipartFormData.Part(name: headers.name, filename: headers.filename,
                                                contentType: headers.contentType, body: content))
            position = end + delimiter.pattern.count
        }
        return parts
    }

    /// The index just after the first `--boundary`; anything before its CRLF is the
    /// preamble, which is ignored (RFC 2046 §5.1.1).
    private func firstBoundaryEnd() throws(MultipartError) -> Int {
        if body.starts(with: dashBoundary) { return dashBoundary.count }
        guard let start = delimiter.firstMatch(in: body, from: 0) else { throw .invalid("no boundary delimiter") }
        return start + delimiter.pattern.count
    }

    /// After a boundary: `--` closes the body (the epilogue is ignored); otherwise
    /// transport padding (SP/HTAB) and CRLF must follow, and `position` moves past them.
    private func isCloseDelimiter(after position: inout Int) throws(MultipartError) -> Bool {
        guard position < body.count else { throw .invalid("missing close delimiter") }
        if body[position] == Self.hyphen {
            guard position + 1 < body.count, body[position + 1] == Self.hyphen else {
                throw .invalid("delimiter line not terminated by CRLF")
            }
            return true
        }
        var index = position
        while index < body.count, HTTPSyntax.isWhitespace(body[index]) { index += 1 }
        let isEnd = index == body.count || index + 1 == body.count && body[index] == HTTPSyntax.cr
        guard !isEnd else { throw .invalid("missing close delimiter") }
        guard body[index] == HTTPSyntax.cr, index + 1 < body.count, body[index + 1] == HTTPSyntax.lf else {
            throw .invalid("delimiter line not terminated by CRLF")
        }
        position = index + 2
        return false
    }

    /// RFC 2046 §5.1.1 `bchars`: DIGIT / ALPHA / `'()+_,-./:=?` / SP.
    private static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: "'()+_,-./:=? ".utf8.contains(byte)
        }
    }
}
