import SchoolIDBase

extension TrustedAccessService {
    /// Ends an invitation or grant: any active guardian of the child, or the trusted
    /// person giving it up. Others get `invitation_not_found` (nothing is revealed).
    /// - Throws: `DomainError` `.permissionDenied` (a student), `.invitationNotFound`,
    ///   `.invitationNotPending` (declined, lapsed, revoked or expired); a store error.
    public func revoke(actor: Actor, invitationID: TrustedInvitation.ID, context: RequestContext) async throws {
        try Self.requireAdult(actor)
        let now = environment.clock.now()
        let accountID = actor.account.id
        try await environment.storage.write { [self] tx in
            guard let invitation = try tx.trustedInvitations.invitation(invitationID),
                  try invitation.inviteeID == accountID || Self.isGuardian(accountID, of: invitation.studentID, in: tx)
            else { throw DomainError(.invitationNotFound) }
            guard try tx.trustedInvitations.revoke(invitationID, by: accountID, at: now) else {
                throw DomainError(.invitationNotPending)
            }
            let who = invitation.inviteeID == accountID ? "the trusted person" : "guardian \(accountID)"
            // The trusted person's diary-service tokens carried the child: they end with the grant.
            let revoked = try invitation.inviteeID.map { try tx.refreshTokens.revokeAll(accountID: $0, at: now) } ?? 0
            try audit(.trustedInvitationRevoked, invitation, actorID: accountID,
                      detail: "by \(who); was \(invitation.phase(at: now, approvalsComplete: true).rawValue); "
                          + "\(revoked) refresh tokens revoked",
                      context: context, now: now, in: tx)
        }
    }

    /// A guardian gives the approval an invitation waits for (policy
    /// `require_all_guardians_approval`).
    /// - Throws: `DomainError` `.permissionDenied` (a student), `.invitationNotFound`
    ///   (not a guardian of the child), `.invitationNotPending` (nothing to approve, or
    ///   it is over); a store error.
    public func approve(actor: Actor, invitationID: TrustedInvitation.ID, context: RequestContext) async throws {
        try Self.requireAdult(actor)
        let now = environment.clock.now()
        let accountID = actor.account.id
        try await environment.storage.write { [self] tx in
            guard let invitation = try tx.trustedInvitations.invitation(invitationID),
                  try Self.isGuardian(accountID, of: invitation.studentID, in: tx)
            else { throw DomainError(.invitationNotFound) }
            guard [.invited, .accepted, .active].contains(invitation.phase(at: now, approvalsComplete: true)),
                  try tx.trustedInvitations.approve(invitationID, by: accountID, at: now)
            else { throw DomainError(.invitationNotPending, detail: "no approval of yours is awaited") }
            try audit(.trustedInvitationApproved, invitation, actorID: accountID, detail: "by guardian \(accountID)",
                      context: context, now: now, in: tx)
        }
    }

    /// Every invitation for the children the person is an active guardian of, whoever
    /// sent it, so each guardian can watch and revoke.
    /// - Throws: `DomainError(.permissionDenied)` for a student; a store or sealing error.
    public func sent(actor: Actor) async throws -> [SentInvitation] {
        try Self.requireAdult(actor)
        let now = environment.clock.now()
        let (ownerKeys, accountID) = (environment.ownerKeys, actor.account.id)
        return try await environment.storage.read { tx in
            let children = try tx.guardianLinks.links(ofGuardian: accountID).filter { $0.state == .active }.map(\.studentID)
            return try Set(children).sorted().flatMap { studentID in
                try tx.trustedInvitations.invitations(ofStudent: studentID).map { invitation in
                    let approvals = try tx.trustedInvitations.approvals(of: invitation.id)
                    let key = try ownerKeys.key(for: invitation.guardianID.rawValue, in: tx.ownerKeys)
                    return SentInvitation(
                        invitation: invitation,
                        phase: invitation.phase(at: now, approvalsComplete: approvals.allSatisfy { $0.approvedAt != nil }),
                        invitee: try TrustedInvitee(sealed: invitation.invitee, for: invitation.id, under: key),
                        approvals: approvals, sentByMe: invitation.guardianID == accountID)
                }
            }
        }
    }

    /// The active grants of a trusted person at `now` (``AccessDecision``): accepted,
    /// past the activation delay and every required approval, before expiry, not
    /// revoked, and only while the inviting guardian is still linked to the child.
    /// - Throws: a store error.
    public static func activeGrants(of accountID: Account.ID, at now: UnixTime, in tx: any ReadTransaction) throws
        -> [AccessGrant]
    {
        try tx.trustedInvitations.invitations(ofInvitee: accountID).compactMap { invitation in
            guard invitation.phase(at: now, approvalsComplete: try approvalsComplete(invitation, in: tx.trustedInvitations))
                    == .active,
                  try tx.guardianLinks.links(ofStudent: invitation.studentID)
                      .contains(where: { $0.guardianID == invitation.guardianID && $0.state == .active }),
                  try tx.accounts.account(invitation.studentID)?.status == .active
            else { return nil }
            return AccessGrant(studentID: invitation.studentID, services: invitation.services, via: .trusted,
                               grantID: invitation.id.rawValue)
        }
    }

    /// Whether `accountID` is an active guardian of `studentID`.
    static func isGuardian(_ accountID: Account.ID, of studentID: Account.ID, in tx: any WriteTransaction) throws -> Bool {
        try tx.guardianLinks.links(ofStudent: studentID).contains { $0.guardianID == accountID && $0.state == .active }
    }
}
