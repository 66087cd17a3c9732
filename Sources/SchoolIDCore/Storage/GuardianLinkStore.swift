import SchoolIDBase

/// Reads guardian links and link codes.
public protocol GuardianLinkReader {
    /// The link with this id, or `nil`.
    /// - Throws: a backend error.
    func link(_ id: GuardianLink.ID) throws -> GuardianLink?
    /// The guardian's links in every state, oldest first.
    /// - Throws: a backend error.
    func links(ofGuardian guardianID: Account.ID) throws -> [GuardianLink]
    /// The student's links in every state, oldest first.
    /// - Throws: a backend error.
    func links(ofStudent studentID: Account.ID) throws -> [GuardianLink]
    /// The link codes issued for the student (used, expired and open, until retention
    /// deletes them), oldest first.
    /// - Throws: a backend error.
    func codes(ofStudent studentID: Account.ID) throws -> [LinkCode]
}

/// Reads and changes guardian links and link codes.
public protocol GuardianLinkStore: GuardianLinkReader {
    /// Adds a link.
    /// - Throws: ``StoreError/alreadyExists`` when the id is taken or the pair already
    ///   has an open (pending or active) link; ``StoreError/notFound`` for an unknown
    ///   account.
    func insert(_ link: GuardianLink) throws
    /// Moves the link from `from` to `to` only if it is still in `from`: of concurrent
    /// transitions exactly one succeeds. Becoming `active` records `confirmedAt`,
    /// becoming `ended` records `endedAt` and `endedBy`.
    /// - Throws: a backend error.
    /// - Returns: whether this call made the transition.
    func transition(_ id: GuardianLink.ID, from: GuardianLink.State, to: GuardianLink.State, at time: UnixTime,
                    by actorID: Account.ID?) throws -> Bool
    /// Adds a link code.
    /// - Throws: ``StoreError/alreadyExists`` for a taken id or HMAC;
    ///   ``StoreError/notFound`` for an unknown student.
    func insertCode(_ code: LinkCode) throws
    /// Uses the unused, unexpired code with this HMAC (one conditional update): of
    /// concurrent uses exactly one gets it. The used row stays as a tombstone.
    /// - Throws: a backend error.
    /// - Returns: the code as used, or `nil` (unknown, used or expired).
    func consumeCode(hmac: [UInt8], at time: UnixTime) throws -> LinkCode?
    /// Deletes link codes used or expired before `time`.
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteUsedOrExpiredCodes(before time: UnixTime) throws -> Int
    /// Deletes the link codes for the account (as student) or issued by it, used or
    /// not (account deletion).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteCodes(involving accountID: Account.ID) throws -> Int
}
