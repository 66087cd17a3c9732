/// The request line (RFC 9112 §3), field lines (RFC 9112 §5) and message framing
/// (RFC 9112 §6) of `RequestParser`.
extension RequestParser {
    /// Parses `method SP request-target SP HTTP-version` with single spaces.
    ///
    /// Checks, in order: the shape (400 `bad_request_line`), the version (505 when well
    /// formed but not 1.0/1.1), the method (501 when a token but not implemented), the
    /// target (400 `invalid_request_target` unless origin-form, or `*` for OPTIONS).
    func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Request {
        guard let firstSpace = line.firstIndex(of: HTTPSyntax.space),
              let secondSpace = line[(firstSpace + 1)...].firstIndex(of: HTTPSyntax.space)
        else { throw .badRequestLine }
        let methodBytes = line[..<firstSpace]
        let targetBytes = line[(firstSpace + 1)..<secondSpace]
        let versionBytes = line[(secondSpace + 1)...]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(HTTPSyntax.isToken), !targetBytes.isEmpty else {
            throw .badRequestLine
        }
        let version = try Self.parseVersion(versionBytes)
        guard let method = HTTPMethod.from(bytes: methodBytes) else { throw .methodNotImplemented }
        let isAsterisk = targetBytes.count == 1 && targetBytes.first == 0x2A
        guard isAsterisk ? method == .OPTIONS : HTTPSyntax.isOriginForm(targetBytes) else {
            throw .invalidRequestTarget
        }
        return Request(method: method, target: String(decoding: targetBytes, as: UTF8.self), version: version)
    }

    /// `HTTP-version = "HTTP/" DIGIT "." DIGIT` (RFC 9112 §2.3).
    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let text = Array(bytes)
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8), text[6] == 0x2E,
              (0x30...0x39).contains(text[5]), (0x30...0x39).contains(text[7])
        else { throw .badRequestLine }
        switch (text[5], text[7]) {
        case (0x31, 0x31): return .http1_1
        case (0x31, 0x30): return .http1_0
        default: throw .versionNotSupported
        }
    }

    /// Parses `field-name ":" OWS field-value OWS` (RFC 9112 §5.1): no leading
    /// whitespace (obs-fold, §5.2), no whitespace before the colon, a token name, and a
    /// value of field-vchars, SP and HTAB that is valid UTF-8.
    func parseFieldLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let first = line.first, !HTTPSyntax.isWhitespace(first) else { throw .obsoleteLineFolding }
        var colon = line.startIndex
        while colon < line.endIndex && HTTPSyntax.isToken(line[colon]) { colon += 1 }
        guard colon < line.endIndex else { throw .invalidHeaderName }
        if line[colon] != HTTPSyntax.colon {
            if HTTPSyntax.isWhitespace(line[colon]) {
                var next = colon
                while next < line.endIndex && HTTPSyntax.isWhitespace(line[next]) { next += 1 }
                if next < line.endIndex && line[next] == HTTPSyntax.colon { throw .whitespaceBeforeColon }
            }
            throw .invalidHeaderName
        }
        guard colon > line.startIndex else { throw .invalidHeaderName }
        var valueStart = colon + 1
        var valueEnd = line.endIndex
        while valueStart < valueEnd && HTTPSyntax.isWhitespace(line[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart && HTTPSyntax.isWhitespace(line[valueEnd - 1]) { valueEnd -= 1 }
        let valueBytes = line[valueStart..<valueEnd]
        guard valueBytes.allSatisfy(HTTPSyntax.isFieldValue),
              let value = String(validating: valueBytes, as: UTF8.self)
        else { throw .invalidHeaderValue }
        return (String(decoding: line[..<colon], as: UTF8.self), value)
    }

    /// Validates the head and chooses the framing once the empty line arrives.
    mutating func finishHead() throws(HTTPParseError) -> Event? {
        guard let request = pending else { return nil }
        let headers = request.headers
        if hostCount > 1 { throw .duplicateHost }
        if let host = headers["host"] {
            guard !host.isEmpty, host.utf8.allSatisfy(HTTPSyntax.isHost) else { throw .invalidHost }
        } else if request.version == .http1_1 {
            throw .missingHost
        }
        let contentLengths = headers.values(for: "content-length")
        let transferEncodings = headers.values(for: "transfer-encoding")
        if !contentLengths.isEmpty && !transferEncodings.isEmpty { throw .contentLengthAndTransferEncoding }

        var hasContent = false
        if !transferEncodings.isEmpty {
            try Self.checkTransferEncoding(transferEncodings, version: request.version)
            chunkedBody = []
            state = .chunkSize
            hasContent = true
        } else if !contentLengths.isEmpty {
            let length = try Self.parseContentLength(contentLengths)
            guard length <= limits.maxBodyBytes else { throw .bodyTooLarge }
            state = .fixedBody(length: length)
            hasContent = length > 0
        } else {
            state = .fixedBody(length: 0)  // RFC 9112 §6.3: a request without either has no content
        }

        let expectations = headers.values(for: "expect")
        if !expectations.isEmpty {
            guard expectations.allSatisfy({ HTTPHeaders.key($0) == "100-continue" }) else {
                throw .unsupportedExpectation
            }
            // RFC 9110 §10.1.1: ignore 100-continue from HTTP/1.0 and when no content follows.
            if hasContent && request.version == .http1_1 { return .expectContinue }
        }
        return nil
    }

    /// `Content-Length = 1*DIGIT`, exactly one field line, no lists (RFC 9112 §6.3 ¶5).
    static func parseContentLength(_ values: [String]) throws(HTTPParseError) -> Int {
        guard values.count == 1, let text = values.first, !text.utf8.contains(0x2C) else {
            throw .duplicateContentLength
        }
        guard !text.isEmpty else { throw .invalidContentLength }
        var length = 0
        for byte in text.utf8 {
            guard (0x30...0x39).contains(byte) else { throw .invalidContentLength }
            let (times10, overflow1) = length.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow1 && !overflow2 else { throw .invalidContentLength }
            length = sum
        }
        return length
    }

    /// Accepts exactly one `chunked`, last, on HTTP/1.1. An unknown coding before it is
    /// 501 (RFC 9112 §6.1); `chunked` missing, not final, repeated or with parameters,
    /// an empty list member, or any `Transfer-Encoding` on HTTP/1.0 is 400 (§6.3).
    static func checkTransferEncoding(_ values: [String], version: HTTPVersion) throws(HTTPParseError) {
        guard version == .http1_1 else { throw .invalidTransferEncoding }
        let codings = values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { HTTPHeaders.key(String($0.trimmingOWS())) }
        guard !codings.contains(""), codings.last == "chunked",
              codings.filter({ $0 == "chunked" }).count == 1
        else { throw .invalidTransferEncoding }
        if codings.count > 1 { throw .unsupportedTransferEncoding }
    }
}
