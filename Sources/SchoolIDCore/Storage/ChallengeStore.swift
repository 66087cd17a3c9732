import SchoolIDBase

/// Reads one-time code challenges and the send log that quotas count.
public protocol ChallengeReader {
    /// The challenge, consumed or not, or `nil` (never issued, or collected).
    /// - Throws: a backend error.
    func challenge(_ id: Challenge.ID) throws -> Challenge?
    /// How many codes went to `destinationIndex` at or after `since`.
    /// - Throws: a backend error.
    func sends(toDestination destinationIndex: [UInt8], since: UnixTime) throws -> Int
    /// How many codes were requested from `clientAddress` at or after `since`.
    /// - Throws: a backend error.
    func sends(fromAddress clientAddress: String, since: UnixTime) throws -> Int
    /// The time of the `rank`-th newest send (1 = newest) to `destinationIndex` at or
    /// after `since`, or `nil` when there are fewer. A quota of `n` per window is full
    /// exactly when rank `n` exists, and frees up one window after that send.
    /// - Throws: a backend error.
    func sendTime(toDestination destinationIndex: [UInt8], since: UnixTime, rank: Int) throws -> UnixTime?
    /// As ``sendTime(toDestination:since:rank:)``, for sends requested from `clientAddress`.
    /// - Throws: a backend error.
    func sendTime(fromAddress clientAddress: String, since: UnixTime, rank: Int) throws -> UnixTime?
    /// How many challenges on `channel` had a code sent at or after `since` (their
    /// latest send; a challenge resent within the window counts once). Serves the
    /// global SMS budget: `otp_sends` has no channel, and resends to one number are
    /// bounded by the per-destination quota anyway.
    /// - Throws: a backend error.
    func sends(channel: Challenge.Channel, since: UnixTime) throws -> Int
    /// The latest send time of the `rank`-th most recently sent challenge on `channel`
    /// at or after `since`, or `nil` when there are fewer (as ``sends(channel:since:)``
    /// counts them).
    /// - Throws: a backend error.
    func sendTime(channel: Challenge.Channel, since: UnixTime, rank: Int) throws -> UnixTime?
}

/// Issues, spends and collects one-time code challenges; logs sends for quotas.
///
/// Every state change is one conditional `UPDATE … RETURNING`, so concurrent units
/// cannot both spend an attempt that was the last, or both consume one code.
public protocol ChallengeStore: ChallengeReader {
    /// Stores a new challenge.
    /// - Throws: ``StoreError/alreadyExists`` for a duplicate id, ``StoreError/notFound``
    ///   for an unknown account.
    func insert(_ challenge: Challenge) throws
    /// Spends one attempt of an unconsumed challenge that has attempts left.
    /// - Throws: a backend error.
    /// - Returns: the attempts left afterwards, or `nil` when nothing was spent
    ///   (unknown, consumed or already exhausted).
    func recordWrongCode(_ id: Challenge.ID, at time: UnixTime) throws -> Int?
    /// Marks the challenge consumed if `codeHash` is its current hash, it is unconsumed,
    /// unexpired at `time` and has attempts left. Single-use: of concurrent callers
    /// only one gets the challenge back.
    ///
    /// The hash is compared by SQLite (not in constant time). That is safe because it
    /// is an HMAC under the secret `otp` key: timing can at most reveal how many
    /// leading bytes of two keyed hashes agree, which says nothing about the code.
    /// - Throws: a backend error.
    /// - Returns: the consumed challenge, or `nil` when any condition failed.
    func consume(_ id: Challenge.ID, codeHash: [UInt8], at time: UnixTime) throws -> Challenge?
    /// Replaces the code of an unconsumed challenge: new hash, key version and expiry,
    /// `sendCount + 1`, `lastSentAt = time`. Attempts left are kept as they are.
    /// - Throws: a backend error.
    /// - Returns: the updated challenge, or `nil` when unknown or consumed.
    func resend(_ id: Challenge.ID, codeHash: [UInt8], keyVersion: Int, expiresAt: UnixTime, at time: UnixTime) throws
        -> Challenge?
    /// Logs one code sent to `destinationIndex` on a request from `clientAddress`.
    /// - Throws: a backend error.
    func recordSend(destinationIndex: [UInt8], clientAddress: String, at time: UnixTime) throws
    /// Deletes sends logged before `time` (garbage collection; keep at least a day).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteSends(before time: UnixTime) throws -> Int
    /// Deletes challenges that expired before `time`, consumed ones (tombstones) too.
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteExpiredChallenges(before time: UnixTime) throws -> Int
    /// Deletes the challenges of the account and those sent to any of `destinations`
    /// (challenge blind indexes), consumed or not (account deletion).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteChallenges(of accountID: Account.ID, destinations: [[UInt8]]) throws -> Int
    /// Deletes the code-send records to any of `destinations` (account deletion).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteSends(toDestinations destinations: [[UInt8]]) throws -> Int
}
