extension LoginPattern {
    /// Why a pattern was refused; the text becomes the policy error's rule.
    public struct ParseError: Error, Hashable, Sendable {
        /// What is wrong, e.g. `unknown field {class}`.
        public let reason: String
    }

    /// Parses and validates a pattern.
    /// - Throws: `ParseError` naming the problem.
    public init(parsing source: String) throws(ParseError) {
        var segments: [Segment] = []
        var rest = Substring(source)
        while let first = rest.first {
            if first == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw ParseError(reason: "unclosed {") }
                segments.append(try Self.field(String(rest[rest.index(after: rest.startIndex)..<close])))
                rest = rest[rest.index(after: close)...]
            } else {
                guard ASCIIText.isLowerAlphanumeric(first) || Login.punctuation.contains(first) else {
                    throw ParseError(reason: "literal character \"\(first)\" is not allowed in a login")
                }
                let end = rest.firstIndex(of: "{") ?? rest.endIndex
                let literal = rest[..<end]
                if let bad = literal.first(where: { !ASCIIText.isLowerAlphanumeric($0) && !Login.punctuation.contains($0) }) {
                    throw ParseError(reason: "literal character \"\(bad)\" is not allowed in a login")
                }
                segments.append(.literal(String(literal)))
                rest = rest[end...]
            }
        }
        try Self.validate(segments)
        self.segments = segments
        self.source = source
    }

    private static func field(_ body: String) throws(ParseError) -> Segment {
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first else { throw ParseError(reason: "malformed field {\(body)}") }
        var width: Int?
        if parts.count == 2 {
            guard let number = Int(parts[1]) else { throw ParseError(reason: "width of {\(body)} must be a number") }
            width = number
        }
        func sized(_ allowed: ClosedRange<Int>, _ make: (Int) -> Segment) throws(ParseError) -> Segment {
            guard let width else { throw ParseError(reason: "{\(name)} needs a width, e.g. {\(name):\(allowed.lowerBound)}") }
            guard allowed.contains(width) else {
                throw ParseError(reason: "width of {\(name)} must be between \(allowed.lowerBound) and \(allowed.upperBound)")
            }
            return make(width)
        }
        switch name {
        case "school_code":
            guard width == nil else { throw ParseError(reason: "{school_code} takes no width") }
            return .schoolCode
        case "year":
            guard width == 2 || width == 4 else { throw ParseError(reason: "{year} needs width 2 or 4") }
            return .year(width: width!)
        case "grade": return try sized(1...2) { .grade(width: $0) }
        case "letter_index": return try sized(1...2) { .letterIndex(width: $0) }
        case "seq": return try sized(1...6) { .sequence(width: $0) }
        case "random": return try sized(3...12) { .random(width: $0) }
        default: throw ParseError(reason: "unknown field {\(name)}")
        }
    }

    /// Fields at most once; exactly one student field, after every class field.
    private static func validate(_ segments: [Segment]) throws(ParseError) {
        let fields = segments.filter { if case .literal = $0 { false } else { true } }
        let names = fields.map(Self.name)
        if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw ParseError(reason: "{\(duplicate)} appears more than once")
        }
        let studentFields = fields.filter(\.isStudentField)
        guard studentFields.count == 1 else {
            throw ParseError(reason: "needs exactly one of {seq} or {random} to tell students apart")
        }
        if let last = fields.lastIndex(where: { !$0.isStudentField }), let student = fields.firstIndex(where: \.isStudentField),
            last > student
        {
            throw ParseError(reason: "class fields must come before {\(name(fields[student]))} so a class shares a prefix")
        }
        for required in ["school_code", "year", "grade", "letter_index"] where !names.contains(required) {
            throw ParseError(reason: "needs {\(required)} so that logins of different schools, years and classes differ")
        }
        let longest = segments.reduce(0) { $0 + maximumLength($1) }
        guard longest <= Login.lengthRange.upperBound else {
            throw ParseError(reason: "logins could reach \(longest) characters; a login has at most \(Login.lengthRange.upperBound)")
        }
    }

    /// The longest text a segment can produce.
    private static func maximumLength(_ segment: Segment) -> Int {
        switch segment {
        case .literal(let text): text.count
        case .schoolCode: SchoolCode.lengthRange.upperBound
        case .year(let width), .grade(let width), .letterIndex(let width), .sequence(let width), .random(let width): width
        }
    }

    private static func name(_ segment: Segment) -> String {
        switch segment {
        case .literal: "literal"
        case .schoolCode: "school_code"
        case .year: "year"
        case .grade: "grade"
        case .letterIndex: "letter_index"
        case .sequence: "seq"
        case .random: "random"
        }
    }
}
