import SchoolIDBase

/// The authority a person holds over a student's acknowledgements, as a receipt records
/// it: an active guardian link (its id, relation and origin), or an active trusted-person
/// grant that includes `diary` (relation `trusted`, origin `invitation`).
struct AcknowledgementStanding: Hashable, Sendable {
    let role: ReceiptClaims.SignerRole
    let link: ReceiptClaims.Link

    /// The person's standing for `student` at `now`, or `nil` when they have none.
    /// - Throws: a store error.
    static func of(_ actor: Actor, for student: Account.ID, now: UnixTime, in tx: any ReadTransaction) throws -> Self? {
        guard actor.account.category != .student else { return nil }
        if let link = try tx.guardianLinks.links(ofStudent: student)
            .first(where: { $0.guardianID == actor.account.id && $0.state == .active }),
           let relation = ReceiptClaims.Relation(rawValue: link.relation.rawValue)
        {
            return Self(role: .guardian, link: ReceiptClaims.Link(id: link.id.rawValue, relation: relation,
                                                                  origin: link.origin.rawValue))
        }
        guard let grant = try TrustedAccessService.activeGrants(of: actor.account.id, at: now, in: tx)
            .first(where: { $0.studentID == student && $0.services.contains(.diary) })
        else { return nil }
        return Self(role: .trusted, link: ReceiptClaims.Link(id: grant.grantID, relation: .trusted, origin: "invitation"))
    }

    /// Whether `actor` may read the student's requests: a standing for the student (a
    /// trusted person only when policy lets trusted persons sign).
    /// - Throws: a store error.
    static func mayRead(student: Account.ID, _ actor: Actor, now: UnixTime, policy: AcknowledgementPolicy,
                        in tx: any ReadTransaction) throws -> Bool
    {
        guard let standing = try of(actor, for: student, now: now, in: tx) else { return false }
        return standing.role == .guardian || policy.trustedPersonsMaySign
    }

    /// The request and the actor's standing, when the actor may sign it now.
    /// - Throws: `DomainError` `.permissionDenied` (a student), `.acknowledgementNotFound`
    ///   (unknown, or no standing for the child), `.trustedSigningDisabled`,
    ///   `.acknowledgementAlreadySigned`, `.acknowledgementDeadlinePassed`; a store error.
    static func signable(_ id: Acknowledgement.ID, by actor: Actor, now: UnixTime, policy: AcknowledgementPolicy,
                         in tx: any ReadTransaction) throws -> (Acknowledgement, Self)
    {
        let (acknowledgement, standing) = try standing(id, actor, now: now, policy: policy, in: tx)
        guard acknowledgement.state == .pending else { throw DomainError(.acknowledgementAlreadySigned) }
        if let deadline = acknowledgement.deadline, now >= deadline {
            throw DomainError(.acknowledgementDeadlinePassed)
        }
        return (acknowledgement, standing)
    }

    /// The request and the actor's standing, when the actor signed it and may withdraw.
    /// - Throws: as ``signable(_:by:now:policy:in:)`` for standing;
    ///   `.acknowledgementNotSigned` unless signed; `.permissionDenied` for someone other
    ///   than the signer.
    static func withdrawable(_ id: Acknowledgement.ID, by actor: Actor, now: UnixTime, policy: AcknowledgementPolicy,
                             in tx: any ReadTransaction) throws -> (Acknowledgement, Self)
    {
        let (acknowledgement, standing) = try standing(id, actor, now: now, policy: policy, in: tx)
        guard acknowledgement.state == .signed else { throw DomainError(.acknowledgementNotSigned) }
        guard acknowledgement.signedBy == actor.account.id else {
            throw DomainError(.permissionDenied, detail: "only the signer withdraws a signature")
        }
        return (acknowledgement, standing)
    }

    private static func standing(_ id: Acknowledgement.ID, _ actor: Actor, now: UnixTime, policy: AcknowledgementPolicy,
                                 in tx: any ReadTransaction) throws -> (Acknowledgement, Self)
    {
        guard actor.account.category != .student else {
            throw DomainError(.permissionDenied, detail: "a student does not sign acknowledgements")
        }
        guard let acknowledgement = try tx.acknowledgements.acknowledgement(id),
              try tx.accounts.account(acknowledgement.studentID)?.status == .active,
              let standing = try of(actor, for: acknowledgement.studentID, now: now, in: tx)
        else { throw DomainError(.acknowledgementNotFound) }
        guard standing.role == .guardian || policy.trustedPersonsMaySign else {
            throw DomainError(.trustedSigningDisabled)
        }
        return (acknowledgement, standing)
    }
}
