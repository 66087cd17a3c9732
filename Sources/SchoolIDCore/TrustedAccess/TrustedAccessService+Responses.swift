import SchoolIDBase
import SchoolIDCrypto

extension TrustedAccessService {
    /// The invitee accepts: access starts after the policy's activation delay and ends
    /// at the end of the school year in the child's school's time zone, or the
    /// guardian's earlier last day. One conditional update: of parallel accepts
    /// exactly one succeeds. The child's guardians are told.
    /// - Parameter acceptanceCode: needed when the account matches on a declared SNILS;
    ///   wrong codes count like wrong passwords (address attempts, the (login, address)
    ///   backoff, the account's failures).
    /// - Throws: `DomainError` `.permissionDenied` (a student), `.invitationNotFound`
    ///   (unknown, or the account does not match), `.invitationNotPending`,
    ///   `.invitationLapsed`, `.acceptanceCodeInvalid`; ``ThrottleError``; a store error.
    /// - Returns: the accepted invitation.
    public func accept(actor: Actor, invitationID: TrustedInvitation.ID, acceptanceCode: String?,
                       context: RequestContext) async throws -> TrustedInvitation
    {
        try Self.requireAdult(actor)
        let now = environment.clock.now()
        let (invitation, basis) = try await match(actor, invitationID)
        try Self.requireOpen(invitation, now: now)
        if basis?.needsAcceptanceCode ?? false {
            try await checkAcceptanceCode(acceptanceCode, for: invitation, actor: actor, context: context, now: now)
        }
        let policies = environment.policies
        let accountID = actor.account.id
        return try await environment.storage.write { [self] tx in
            guard let school = try tx.schools.school(invitation.schoolID) else { throw DomainError(.schoolNotFound) }
            let activeFrom = now.adding(seconds: policies.invitations.activationDelaySeconds)
            var expiresAt = TrustedGrantCalendar.defaultExpiry(startingAt: activeFrom, timeZone: school.timeZone,
                                                               policy: policies.invitations, calendar: policies.calendar)
            if let endsBy = invitation.endsBy { expiresAt = min(expiresAt, endsBy) }
            guard try tx.trustedInvitations.accept(invitationID, by: accountID, at: now, activeFrom: activeFrom,
                                                   expiresAt: expiresAt)
            else {
                try Self.requireOpen(try tx.trustedInvitations.invitation(invitationID) ?? invitation, now: now)
                throw DomainError(.invitationNotPending)
            }
            let accepted = try tx.trustedInvitations.invitation(invitationID) ?? invitation
            try audit(.trustedInvitationAccepted, accepted, actorID: accountID,
                      detail: "by \(accountID) (\(basis?.rawValue ?? "match")); active \(activeFrom.seconds)–\(expiresAt.seconds)",
                      context: context, now: now, in: tx)
            let pupil = try GuardianshipService.pupil(invitation.studentID, accounts: tx.accounts, classes: tx.classes)
            try notifyGuardians(of: accepted, pupil: pupil, accepted: true, except: accountID, now: now, in: tx)
            return accepted
        }
    }

    /// The invitee declines an open invitation.
    /// - Throws: as ``accept(actor:invitationID:acceptanceCode:context:)`` without the code.
    public func decline(actor: Actor, invitationID: TrustedInvitation.ID, context: RequestContext) async throws {
        try Self.requireAdult(actor)
        let now = environment.clock.now()
        let (invitation, _) = try await match(actor, invitationID)
        try Self.requireOpen(invitation, now: now)
        let accountID = actor.account.id
        try await environment.storage.write { [self] tx in
            guard try tx.trustedInvitations.decline(invitationID, by: accountID, at: now) else {
                try Self.requireOpen(try tx.trustedInvitations.invitation(invitationID) ?? invitation, now: now)
                throw DomainError(.invitationNotPending)
            }
            try audit(.trustedInvitationDeclined, invitation, actorID: accountID, detail: "by \(accountID)",
                      context: context, now: now, in: tx)
        }
    }

    /// The invitation if the actor may see it as invitee (they accepted or declined it,
    /// or their account matches it now), with the match's basis (`nil`: already theirs).
    /// - Throws: `DomainError(.invitationNotFound)` otherwise.
    func match(_ actor: Actor, _ id: TrustedInvitation.ID) async throws -> (TrustedInvitation, MatchBasis?) {
        let (keys, ownerKeys, account) = (environment.dataKeys, environment.ownerKeys, actor.account)
        let found: (TrustedInvitation, MatchBasis?)? = try await environment.storage.read { tx in
            guard let invitation = try tx.trustedInvitations.invitation(id) else { return nil }
            if invitation.inviteeID == account.id { return (invitation, nil) }
            guard invitation.inviteeID == nil,
                  let (_, basis) = try Self.matches(for: account, keys: keys, ownerKeys: ownerKeys, in: tx)
                      .first(where: { $0.0.id == id })
            else { return nil }
            return (invitation, basis)
        }
        guard let found else { throw DomainError(.invitationNotFound) }
        return found
    }

    /// Refuses an invitation that is no longer waiting.
    /// - Throws: `DomainError` `.invitationLapsed`, `.invitationNotPending`.
    static func requireOpen(_ invitation: TrustedInvitation, now: UnixTime) throws(DomainError) {
        switch invitation.phase(at: now, approvalsComplete: true) {
        case .invited: return
        case .lapsed: throw DomainError(.invitationLapsed)
        default: throw DomainError(.invitationNotPending)
        }
    }

    /// Checks a declared-SNILS invitee's acceptance code through the shared counters.
    /// - Throws: `DomainError(.acceptanceCodeInvalid)`, ``ThrottleError``.
    private func checkAcceptanceCode(_ text: String?, for invitation: TrustedInvitation, actor: Actor,
                                     context: RequestContext, now: UnixTime) async throws
    {
        guard let login = actor.account.login else { throw DomainError(.unauthorized) }
        try await attempts.takeAddressAttempt(context)
        let key = attempts.key(login, address: context.clientAddress)
        let counter = try await environment.storage.read { tx in try tx.credentials.failureCounter(key) }
        try await attempts.checkBackoff(counter, now: now, context: context)
        let keys = environment.dataKeys
        let valid: Bool = if let text, let code = AcceptanceCode.normalise(text), let stored = invitation.codeHMAC,
                             let version = invitation.codeKeyVersion, let otpKey = keys.otpKey(version: version)
        {
            ConstantTime.equals(AcceptanceCode.hash(code, invitation: invitation.id, key: otpKey), stored)
        } else {
            false
        }
        guard valid else {
            try await attempts.recordFailure(key: key, account: actor.account, context: context,
                                             reason: text == nil ? "acceptance code missing" : "wrong acceptance code")
            try await environment.storage.write { [self] tx in
                try audit(.trustedInvitationCodeFailed, invitation, actorID: actor.account.id,
                          detail: text == nil ? "no acceptance code" : "wrong acceptance code", context: context,
                          now: now, in: tx)
            }
            throw DomainError(.acceptanceCodeInvalid)
        }
        try await environment.storage.write { tx in try tx.credentials.clearFailures(key) }
    }
}
