import SchoolIDBase

extension GuardianshipService {
    /// The actor's actively linked children with school and class, in link order.
    /// Children without a current enrolment are left out (they have no school to show).
    /// - Throws: a store or sealing error.
    public func children(of actor: Actor) async throws -> [ChildSummary] {
        try await summaries(of: actor, state: .active)
    }

    /// The staff proposals waiting for the actor's answer, as the children they name
    /// (name, school, class: what the guardian needs to confirm or decline), oldest first.
    /// - Throws: a store or sealing error.
    public func pendingProposals(of actor: Actor) async throws -> [ChildSummary] {
        try await summaries(of: actor, state: .pending)
    }

    private func summaries(of actor: Actor, state: GuardianLink.State) async throws -> [ChildSummary] {
        let guardianID = actor.account.id
        let ownerKeys = environment.ownerKeys
        return try await environment.storage.read { tx in
            try tx.guardianLinks.links(ofGuardian: guardianID).filter { $0.state == state }.compactMap { link in
                guard let pupil = try? Self.pupil(link.studentID, in: tx),
                      let school = try tx.schools.school(pupil.schoolClass.schoolID)
                else { return nil }
                let key = try ownerKeys.key(for: link.studentID.rawValue, in: tx.ownerKeys)
                let profile = try AccountProfile(sealed: pupil.account.profile, for: link.studentID, under: key)
                return ChildSummary(studentID: link.studentID, login: pupil.account.login, name: profile.fullName,
                                    school: .init(id: school.id, name: school.name),
                                    schoolClass: .init(id: pupil.schoolClass.id, name: pupil.schoolClass.name),
                                    relation: link.relation, linkID: link.id)
            }
        }
    }

    /// A guardian gives a linked child who has no verified phone or email a new
    /// temporary password (the child cannot recover it alone). Needs a fresh second
    /// factor in the session (``StepUp``); the rest — old password void, the child's
    /// sessions revoked, a lock lifted, audited — is the staff reissue's own code
    /// (``CredentialBatchService/reissue(by:studentID:context:)``).
    /// - Throws: `DomainError` (`.permissionDenied` unless actively linked,
    ///   `.childHasContacts`, `.stepUpRequired`, `.enrolmentNotFound`), the pool's
    ///   saturation error.
    /// - Returns: the new temporary password, to show once.
    public func resetChildPassword(actor: Actor, studentID: Account.ID, context: RequestContext) async throws
        -> TemporaryPassword
    {
        try Self.requireAdult(actor)
        let guardianID = actor.account.id
        let (linked, pupil, hasContacts) = try await environment.storage.read { tx in
            let linked = try tx.guardianLinks.links(ofStudent: studentID)
                .contains { $0.guardianID == guardianID && $0.state == .active }
            guard linked else { return (false, Pupil?.none, false) }
            return (true, try Self.pupil(studentID, in: tx), try tx.contacts.contacts(of: studentID).contains(where: \.isVerified))
        }
        guard linked, let pupil else { throw DomainError(.permissionDenied, detail: "not a linked child") }
        try StepUp.require(actor, policy: environment.policies.secondFactor, now: environment.clock.now())
        guard !hasContacts else { throw DomainError(.childHasContacts) }
        return try await credentials.replaceTemporaryPassword(of: studentID, in: pupil.schoolClass, by: guardianID,
                                                              action: .childPasswordReset, context: context)
    }
}
