import Foundation

/// One HTTP/1.1 response as ``TestClient`` read it.
public struct TestResponse: Sendable {
    /// The status code.
    public let status: Int
    /// Header fields in order, as sent.
    public let headers: [(name: String, value: String)]
    /// The body (by `Content-Length`; empty for 1xx, 204 and 304).
    public let body: [UInt8]

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Parses a response from the front of `bytes`.
    /// - Returns: the response and how many bytes it took, or nil when incomplete.
    /// - Throws: ``TestClient/Failure/malformed``.
    public static func parse(_ bytes: [UInt8], headRequest: Bool = false) throws -> (TestResponse, Int)? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4,
              let end = (0...(bytes.count - 4)).first(where: { bytes[$0..<$0 + 4].elementsEqual(terminator) })
        else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0] == "HTTP/1.1", let status = Int(statusParts[1]) else {
            throw TestClient.Failure.malformed
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw TestClient.Failure.malformed }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let head = TestResponse(status: status, headers: headers, body: [])
        let bodyStart = end + 4
        guard !headRequest, !(100..<200).contains(status), status != 204, status != 304 else { return (head, bodyStart) }
        let length = Int(head.header("Content-Length") ?? "0") ?? 0
        guard bytes.count >= bodyStart + length else { return nil }
        return (TestResponse(status: status, headers: headers, body: Array(bytes[bodyStart..<bodyStart + length])), bodyStart + length)
    }
}
