import SchoolIDBase

/// Reads authorization codes.
public protocol AuthorizationCodeReader {
    /// The code with this hash (consumed and expired ones included), or `nil`.
    /// - Throws: a backend error.
    func code(hash: [UInt8]) throws -> AuthorizationCode?
}

/// Stores authorization codes by hash (issue 9).
public protocol AuthorizationCodeStore: AuthorizationCodeReader {
    /// Adds a code.
    /// - Throws: ``StoreError/alreadyExists`` for a duplicate hash.
    func insert(_ code: AuthorizationCode) throws
    /// Redeems a code atomically (STYLE §9.7): of concurrent callers only one gets
    /// ``CodeRedemption/consumedNow`` `true`, and only while the code is unexpired.
    /// - Throws: a backend error.
    /// - Returns: the code and whether this call consumed it, or `nil` for an unknown hash.
    func consume(hash: [UInt8], at time: UnixTime) throws -> CodeRedemption?
    /// Deletes codes (consumed or not) that expired before `time`.
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteExpired(before time: UnixTime) throws -> Int
}
