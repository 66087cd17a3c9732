import SchoolIDBase

/// How staff name the registered adult they propose as a child's guardian: a
/// verified phone or a verified SNILS (a declared SNILS is the person's own word and
/// finds nobody here).
public enum GuardianIdentifier: Sendable {
    case phone(PhoneNumber)
    case snils(SNILS)

    /// The words the audit log uses.
    var description: String {
        switch self {
        case .phone: "verified phone"
        case .snils: "verified SNILS"
        }
    }
}

extension GuardianshipService {
    /// Proposes a link between a student and the registered adult whose VERIFIED phone
    /// (contacts blind index) or VERIFIED SNILS is given: a pending link the adult
    /// confirms or declines in their account. Staff only (the teacher of the class or
    /// a school admin, `guardian_link.propose`); a miss is answered (staff may learn
    /// whether a number is registered) and audited, so enumeration leaves a trace.
    /// Lookups try every index key still in use, so they work during a re-index.
    /// - Throws: `DomainError` (authorisation, `.guardianNotFound`, `.guardianLinkExists`,
    ///   `.guardianLimitReached`, `.accountNotStudent`, `.enrolmentNotFound`).
    /// - Returns: the pending link.
    public func propose(by principal: Principal, studentID: Account.ID, guardian identifier: GuardianIdentifier,
                        relation: GuardianLink.Relation, context: RequestContext) async throws -> GuardianLink
    {
        let policies = environment.policies
        let (keys, snils) = (environment.dataKeys, SNILSService(environment: environment))
        let (pupil, guardian) = try await environment.storage.read { tx in
            let pupil = try Self.pupil(studentID, in: tx)
            let ownerID: Account.ID? = switch identifier {
            case .phone(let phone): try tx.contacts.verifiedContact(.phone(phone), keys: keys)?.accountID
            case .snils(let number): try snils.findAccount(snils: number, requireVerified: true, in: tx.snils)?.0
            }
            return (pupil, try ownerID.flatMap { try tx.accounts.account($0) })
        }
        try principal.require(.guardianLinkPropose, in: .schoolClass(pupil.schoolClass), roles: policies.roles)
        let now = environment.clock.now()
        guard let guardian, guardian.category == .adult, guardian.status == .active else {
            _ = try await environment.storage.write { tx in
                try tx.audit.append(AuditEvent(at: now, action: .guardianLinkProposed, actorID: principal.accountID,
                                               targetID: studentID, schoolID: pupil.schoolClass.schoolID,
                                               clientAddress: context.clientAddress, requestID: context.requestID,
                                               detail: "refused: no adult account with this \(identifier.description)"))
            }
            throw DomainError(.guardianNotFound)
        }
        let link = GuardianLink(id: .random(using: environment.random), guardianID: guardian.id, studentID: studentID,
                                relation: relation, origin: .staffProposal, state: .pending,
                                proposedBy: principal.accountID, createdAt: now)
        try await environment.storage.write { [self] tx in
            try add(link, pupil: pupil, action: .guardianLinkProposed, actorID: principal.accountID,
                    detail: "found by \(identifier.description); waits for the guardian", context: context, now: now,
                    in: tx)
        }
        return link
    }

    /// The proposed guardian confirms a pending link: it becomes active (one of
    /// parallel confirmations wins; the others get `guardian_link_not_pending`), and
    /// the class teacher and the other guardians are told.
    /// - Throws: `DomainError` (`.guardianLinkNotFound` for another person's link,
    ///   `.guardianLinkNotPending`, `.permissionDenied` for a student).
    /// - Returns: the active link.
    public func confirm(actor: Actor, linkID: GuardianLink.ID, context: RequestContext) async throws -> GuardianLink {
        try await respond(actor: actor, linkID: linkID, to: .active, action: .guardianLinkConfirmed, context: context)
    }

    /// The proposed guardian declines a pending link: it ends.
    /// - Throws: as ``confirm(actor:linkID:context:)``.
    /// - Returns: the ended link.
    public func decline(actor: Actor, linkID: GuardianLink.ID, context: RequestContext) async throws -> GuardianLink {
        try await respond(actor: actor, linkID: linkID, to: .ended, action: .guardianLinkDeclined, context: context)
    }

    /// Ends a pending or active link: a school admin of the child's school (or the
    /// command line). The guardian loses the child from their access at their next
    /// request (access is decided per request from the links).
    /// - Throws: `DomainError` (`.guardianLinkNotFound`, authorisation,
    ///   `.guardianLinkNotPending` when it already ended).
    /// - Returns: the ended link.
    public func unlink(by principal: Principal, linkID: GuardianLink.ID, context: RequestContext) async throws
        -> GuardianLink
    {
        let policies = environment.policies
        let (link, pupil) = try await environment.storage.read { tx in
            guard let link = try tx.guardianLinks.link(linkID) else { throw DomainError(.guardianLinkNotFound) }
            return (link, try Self.pupil(link.studentID, in: tx))
        }
        try principal.require(.schoolStudentsManage, in: .schoolClass(pupil.schoolClass), roles: policies.roles)
        let now = environment.clock.now()
        return try await environment.storage.write { [self] tx in
            guard link.state != .ended,
                  try tx.guardianLinks.transition(linkID, from: link.state, to: .ended, at: now, by: principal.accountID),
                  let ended = try tx.guardianLinks.link(linkID)
            else { throw DomainError(.guardianLinkNotPending) }
            // The guardian's diary-service tokens carried the child: they end with the link.
            let revoked = try tx.refreshTokens.revokeAll(accountID: link.guardianID, at: now)
            try audit(.guardianLinkEnded, ended, actorID: principal.accountID, schoolID: pupil.schoolClass.schoolID,
                      detail: "was \(link.state.rawValue); ended by school; \(revoked) refresh tokens revoked",
                      context: context, now: now, in: tx)
            return ended
        }
    }

    /// Every link of the actor as guardian (pending proposals included), oldest first.
    /// - Throws: a store error.
    public func links(of actor: Actor) async throws -> [GuardianLink] {
        let id = actor.account.id
        return try await environment.storage.read { tx in try tx.guardianLinks.links(ofGuardian: id) }
    }

    private func respond(actor: Actor, linkID: GuardianLink.ID, to state: GuardianLink.State, action: AuditAction,
                         context: RequestContext) async throws -> GuardianLink
    {
        try Self.requireAdult(actor)
        let now = environment.clock.now()
        let guardianID = actor.account.id
        return try await environment.storage.write { [self] tx in
            guard let link = try tx.guardianLinks.link(linkID), link.guardianID == guardianID else {
                throw DomainError(.guardianLinkNotFound)
            }
            guard try tx.guardianLinks.transition(linkID, from: .pending, to: state, at: now, by: guardianID),
                  let updated = try tx.guardianLinks.link(linkID)
            else { throw DomainError(.guardianLinkNotPending) }
            let pupil = try Self.pupil(link.studentID, accounts: tx.accounts, classes: tx.classes)
            try audit(action, updated, actorID: guardianID, schoolID: pupil.schoolClass.schoolID,
                      detail: "proposed by \(link.proposedBy?.rawValue ?? "cli")", context: context, now: now, in: tx)
            if state == .active {
                try notifyLinked(updated, pupil: pupil, now: now, in: tx)
                try ConsentService(environment: environment)
                    .recordForChild(updated.studentID, guardian: guardianID, channel: context.channel, context: context,
                                    now: now, in: tx)
            }
            return updated
        }
    }
}
