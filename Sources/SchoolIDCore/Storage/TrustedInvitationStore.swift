import SchoolIDBase

/// Reads trusted-person invitations and their approvals.
public protocol TrustedInvitationReader {
    /// The invitation with this id, or `nil`.
    /// - Throws: a backend error.
    func invitation(_ id: TrustedInvitation.ID) throws -> TrustedInvitation?
    /// Invitations whose match index is `index` (any state), oldest first.
    /// - Throws: a backend error.
    func invitations(matchIndex index: [UInt8]) throws -> [TrustedInvitation]
    /// Invitations the account accepted or declined, oldest first.
    /// - Throws: a backend error.
    func invitations(ofInvitee accountID: Account.ID) throws -> [TrustedInvitation]
    /// Invitations for the student, oldest first.
    /// - Throws: a backend error.
    func invitations(ofStudent studentID: Account.ID) throws -> [TrustedInvitation]
    /// Invitations the guardian sent (any state, any child), oldest first.
    /// - Throws: a backend error.
    func invitations(ofGuardian guardianID: Account.ID) throws -> [TrustedInvitation]
    /// The approvals an invitation needs (none when the policy did not require them).
    /// - Throws: a backend error.
    func approvals(of id: TrustedInvitation.ID) throws -> [TrustedApproval]
}

/// Reads and changes trusted-person invitations. Every change of state is one
/// conditional update, so of concurrent calls exactly one makes it.
public protocol TrustedInvitationStore: TrustedInvitationReader {
    /// Adds an invitation and, when it requires them, one open approval per guardian.
    /// - Throws: ``StoreError/alreadyExists`` for a taken id; ``StoreError/notFound``
    ///   for an unknown account or school.
    func insert(_ invitation: TrustedInvitation, approvers: [Account.ID]) throws
    /// `invited` → `accepted` if still invited and `time < lapses_at`.
    /// - Throws: a backend error.
    /// - Returns: whether this call accepted it.
    func accept(_ id: TrustedInvitation.ID, by inviteeID: Account.ID, at time: UnixTime, activeFrom: UnixTime,
                expiresAt: UnixTime) throws -> Bool
    /// `invited` → `declined` if still invited and `time < lapses_at`.
    /// - Throws: a backend error.
    /// - Returns: whether this call declined it.
    func decline(_ id: TrustedInvitation.ID, by inviteeID: Account.ID, at time: UnixTime) throws -> Bool
    /// `invited` (not lapsed) or `accepted` (not expired) → `revoked`.
    /// - Throws: a backend error.
    /// - Returns: whether this call revoked it.
    func revoke(_ id: TrustedInvitation.ID, by actorID: Account.ID?, at time: UnixTime) throws -> Bool
    /// Records the guardian's approval if it is still open.
    /// - Throws: a backend error.
    /// - Returns: whether this call recorded it.
    func approve(_ id: TrustedInvitation.ID, by guardianID: Account.ID, at time: UnixTime) throws -> Bool
    /// Deletes invitations that lapsed unanswered (`invited`, `lapses_at` before `time`)
    /// or were declined before `time`, with their approvals.
    /// - Throws: a backend error.
    /// - Returns: how many invitations were deleted.
    @discardableResult
    func deleteLapsedOrDeclined(before time: UnixTime) throws -> Int
    /// Deletes, in any state, the invitations the account made, received or is the
    /// student of, and those whose match index is one of `matchIndexes`, with their
    /// approvals; and the account's own approvals of other invitations (a deleted
    /// guardian no longer has a say) (account deletion).
    /// - Throws: a backend error.
    /// - Returns: how many invitations were deleted.
    @discardableResult
    func deleteAll(involving accountID: Account.ID, matchIndexes: [[UInt8]]) throws -> Int
}
