/// Finds one fixed byte pattern with Knuth–Morris–Pratt (Knuth, Morris, Pratt 1977).
///
/// A multipart delimiter (`CRLF--boundary`) shares its prefix with bytes that are common
/// in real files (`CRLF`, `--`), so a naive search that restarts after each partial match
/// can cost O(body × boundary). KMP never moves backwards in the haystack: every byte is
/// consumed once, and the failure table (at most 74 entries) bounds the fallbacks.
struct DelimiterSearch: Sendable {
    /// The pattern searched for.
    let pattern: [UInt8]
    /// `failure[i]`: the length of the longest proper prefix of `pattern[0...i]` that is
    /// also its suffix.
    private let failure: [Int]

    /// Prepares the failure table; `pattern` must not be empty (a programmer error).
    init(pattern: [UInt8]) {
        precondition(!pattern.isEmpty, "empty search pattern")
        var failure = [Int](repeating: 0, count: pattern.count)
        var length = 0
        for index in pattern.indices.dropFirst() {
            while length > 0 && pattern[index] != pattern[length] { length = failure[length - 1] }
            if pattern[index] == pattern[length] { length += 1 }
            failure[index] = length
        }
        self.pattern = pattern
        self.failure = failure
    }

    /// The index where the first occurrence of the pattern at or after `start` begins.
    func firstMatch(in haystack: [UInt8], from start: Int) -> Int? {
        haystack.withUnsafeBufferPointer { buffer -> Int? in
            var matched = 0
            var index = start
            while index < buffer.count {
                let byte = buffer[index]
                while matched > 0 && pattern[matched] != byte { matched = failure[matched - 1] }
                if pattern[matched] == byte {
                    matched += 1
                    if matched == pattern.count { return index + 1 - matched }
                }
                index += 1
            }
            return nil
        }
    }
}
