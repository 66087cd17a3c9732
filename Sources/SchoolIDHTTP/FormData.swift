/// `application/x-www-form-urlencoded` parsing (WHATWG URL §5.1), strict about escapes.
public enum FormData {
    /// Splits on `&`, then on the first `=`; `+` is space; names and values are
    /// percent-decoded strictly. Empty sequences (`a=1&&b=2`) are skipped; a sequence
    /// without `=` has an empty value. Order and repeated names are kept.
    /// - Throws: `PercentDecodingError` on a bad escape, a raw control or non-ASCII
    ///   byte, or decoded bytes that are not UTF-8.
    public static func parse(_ bytes: some Collection<UInt8>) throws(PercentDecodingError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for sequence in Array(bytes).split(separator: 0x26, omittingEmptySubsequences: true) {
            let name: ArraySlice<UInt8>
            let value: ArraySlice<UInt8>
            if let equals = sequence.firstIndex(of: 0x3D) {
                name = sequence[..<equals]
                value = sequence[(equals + 1)...]
            } else {
                name = sequence
                value = []
            }
            pairs.append((try PercentDecoding.decode(bytes: name, plusAsSpace: true),
                          try PercentDecoding.decode(bytes: value, plusAsSpace: true)))
        }
        return pairs
    }
}

/// Decoded query parameters of a request target (RFC 3986 §3.4, form-urlencoded rules).
public struct QueryItems: Sendable, Sequence {
    public typealias Element = (name: String, value: String)

    /// The pairs in order.
    public let pairs: [(name: String, value: String)]

    /// Parses a raw query (`Request.query`) like a form body.
    /// - Throws: `PercentDecodingError` as `FormData.parse`.
    public init(parsing query: String) throws(PercentDecodingError) {
        pairs = try FormData.parse(Array(query.utf8)).map { (name: $0.0, value: $0.1) }
    }

    /// The first value of `name` (case-sensitive).
    public subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { pairs.makeIterator() }
}

extension Request {
    /// The decoded query items (empty when there is no query).
    /// - Throws: `PercentDecodingError` on a bad escape.
    public func queryItems() throws(PercentDecodingError) -> QueryItems {
        try QueryItems(parsing: query ?? "")
    }
}
