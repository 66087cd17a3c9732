/// An async request handler.
public typealias Handler = @Sendable (Request) async throws -> Response

/// Matches a method and a raw path against registered patterns.
///
/// - Patterns are literal segments and `:name` parameters: `"/v1/schools/:id/classes"`.
/// - Literal segments compare with the raw (still percent-encoded) path segment;
///   parameters match one non-empty segment and are percent-decoded.
/// - Trailing slashes are significant: `/a/` does not match `/a` (exact match only).
/// - When several patterns match, the most specific wins: at the first segment where
///   they differ, a literal beats a parameter.
/// - The path matches but not the method: `.methodNotAllowed` with the allowed
///   methods sorted by name (HEAD included wherever GET is), for a 405 with `Allow`
///   (RFC 9110 §15.5.6). No pattern matches: `.notFound`.
/// - HEAD falls back to the GET route when no HEAD route matches (RFC 9110 §9.3.2).
public struct Router: Sendable {
    /// The outcome of `match(method:path:)`.
    public enum Match: Sendable {
        case found(Handler, parameters: [String: String], template: String)
        case notFound
        case methodNotAllowed(allowed: [HTTPMethod])
    }

    struct Route: Sendable {
        enum Segment: Sendable, Equatable {
            case literal(String)
            case parameter(String)
        }
        let method: HTTPMethod
        let template: String
        let segments: [Segment]
        let handler: Handler
    }

    /// A registered method and pattern, as given to ``add(_:_:_:)``.
    public struct Registration: Sendable, Hashable {
        public let method: HTTPMethod
        /// The pattern with `:name` parameters, e.g. `/v1/schools/:school_id/classes`.
        public let template: String

        public init(method: HTTPMethod, template: String) {
            self.method = method
            self.template = template
        }
    }

    /// Routes grouped by segment count.
    private var routes: [Int: [Route]] = [:]

    /// Every registered method and pattern, sorted by pattern then method (read-only;
    /// the OpenAPI coverage test compares it with the document). HEAD's fallback to GET
    /// is not listed: it is not a registration.
    public var registrations: [Registration] {
        routes.values.joined().map { Registration(method: $0.method, template: $0.template) }
            .sorted { ($0.template, $0.method.rawValue) < ($1.template, $1.method.rawValue) }
    }

    /// An empty router.
    public init() {}

    /// Registers `handler` for `method` and `pattern`. A malformed pattern or a second
    /// registration of the same method and pattern is a programmer error.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        precondition(pattern.hasPrefix("/"), "route patterns start with /: \(pattern)")
        let segments: [Route.Segment] = Self.split(pattern).map { part in
            if part.hasPrefix(":") {
                precondition(part.count > 1, "a path parameter needs a name: \(pattern)")
                return .parameter(String(part.dropFirst()))
            }
            return .literal(String(part))
        }
        let existing = routes[segments.count, default: []]
        precondition(!existing.contains { $0.method == method && $0.segments == segments },
                     "route registered twice: \(method) \(pattern)")
        routes[segments.count, default: []].append(
            Route(method: method, template: pattern, segments: segments, handler: handler))
    }

    /// Finds the handler for `method` and the raw `path` (a request's `path`).
    public func match(method: HTTPMethod, path: String) -> Match {
        guard path.hasPrefix("/") else { return .notFound }
        let parts = Self.split(path)
        var candidates: [(route: Route, parameters: [String: String])] = []
        for route in routes[parts.count] ?? [] {
            if let parameters = Self.parameters(route, parts) { candidates.append((route, parameters)) }
        }
        guard !candidates.isEmpty else { return .notFound }
        for wanted in method == .HEAD ? [HTTPMethod.HEAD, .GET] : [method] {
            let matching = candidates.filter { $0.route.method == wanted }
            if let best = matching.max(by: { Self.isLessSpecific($0.route, than: $1.route) }) {
                return .found(best.route.handler, parameters: best.parameters, template: best.route.template)
            }
        }
        var allowed = Set(candidates.map(\.route.method))
        if allowed.contains(.GET) { allowed.insert(.HEAD) }
        return .methodNotAllowed(allowed: allowed.sorted { $0.rawValue < $1.rawValue })
    }

    private static func split(_ path: String) -> [Substring] {
        path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    }

    private static func parameters(_ route: Route, _ parts: [Substring]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (segment, part) in zip(route.segments, parts) {
            switch segment {
            case .literal(let literal):
                guard part == literal else { return nil }
            case .parameter(let name):
                guard !part.isEmpty, let value = try? PercentDecoding.decode(part) else { return nil }
                parameters[name] = value
            }
        }
        return parameters
    }

    private static func isLessSpecific(_ lhs: Route, than rhs: Route) -> Bool {
        for (left, right) in zip(lhs.segments, rhs.segments) {
            switch (left, right) {
            case (.parameter, .literal): return true
            case (.literal, .parameter): return false
            default: continue
            }
        }
        return false
    }
}
