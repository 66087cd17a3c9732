import SchoolIDHTTP
import SchoolIDTesting
import Testing

/// One parser event in comparable form.
enum Seen: Equatable, CustomStringConvertible {
    case continue100
    case request(Snapshot)
    case failed(HTTPParseError)

    var description: String {
        switch self {
        case .continue100: "100-continue"
        case .request(let snapshot): "request(\(snapshot))"
        case .failed(let error): "failed(\(error))"
        }
    }

    /// The request, when this is one.
    var snapshot: Snapshot? {
        if case .request(let snapshot) = self { snapshot } else { nil }
    }
}

/// The parts of a `Request` a parser test compares.
struct Snapshot: Equatable, CustomStringConvertible {
    var method: HTTPMethod
    var target: String
    var path: String
    var query: String?
    var version: HTTPVersion
    var headers: [String]
    var body: [UInt8]
    var keepAlive: Bool

    init(_ request: Request) {
        method = request.method
        target = request.target
        path = request.path
        query = request.query
        version = request.version
        headers = request.headers.map { "\($0.name): \($0.value)" }
        body = request.body
        keepAlive = request.wantsKeepAlive
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
    var description: String { "\(method) \(target) \(version) \(headers) \(body.count) bytes" }
}

/// Runs every parser case three ways (swift-nio's decoder tests): the whole input in
/// one `feed`, one byte per `feed`, and followed by a valid request in the same buffer.
/// The three must agree; the follower must parse after a complete request and must
/// not appear after a failure.
enum DripFeed {
    static let follower: [UInt8] = Array("GET /next?after=1 HTTP/1.1\r\nHost: next.test\r\n\r\n".utf8)

    /// The events of `input` (whole), after checking the other two ways agree.
    static func parse(_ input: [UInt8], limits: HTTPLimits = HTTPLimits(),
                      sourceLocation: SourceLocation = #_sourceLocation) -> [Seen] {
        let whole = run([input], limits: limits)
        let dripped = run(input.map { [$0] }, limits: limits)
        #expect(dripped == whole, "byte-by-byte feeding disagrees with whole", sourceLocation: sourceLocation)
        let followed = run([input + follower], limits: limits)
        var expected = whole
        if case .failed = whole.last {
            // nothing may follow a failure
        } else {
            expected.append(.request(Snapshot(Request(
                method: .GET, target: "/next?after=1",
                headers: HTTPHeaders([("Host", "next.test")])))))
        }
        #expect(followed == expected, "a following request changed the outcome", sourceLocation: sourceLocation)
        return whole
    }

    /// `parse` over a transcript in `Tests/Fixtures/http/`.
    static func parse(fixture name: String, limits: HTTPLimits = HTTPLimits(),
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> [Seen] {
        parse(try bytes(fixture: name), limits: limits, sourceLocation: sourceLocation)
    }

    /// The exact bytes of `Tests/Fixtures/http/<name>`.
    static func bytes(fixture name: String) throws -> [UInt8] {
        Array(try Fixtures.data("http/" + name))
    }

    /// Feeds `chunks` one by one, draining events after each.
    static func run(_ chunks: [[UInt8]], limits: HTTPLimits) -> [Seen] {
        var parser = RequestParser(limits: limits)
        var seen: [Seen] = []
        for chunk in chunks {
            parser.feed(chunk)
            while let event = parser.next() {
                switch event {
                case .expectContinue: seen.append(.continue100)
                case .request(let request): seen.append(.request(Snapshot(request)))
                case .failed(let error): seen.append(.failed(error))
                }
            }
        }
        return seen
    }
}
