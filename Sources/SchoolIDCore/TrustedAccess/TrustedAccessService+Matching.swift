import SchoolIDBase

extension TrustedAccessService {
    /// What an account's match with an invitation rests on.
    public enum MatchBasis: String, Hashable, Sendable {
        /// The account's verified phone.
        case phone
        /// The account's verified SNILS.
        case verifiedSNILS = "verified_snils"
        /// A SNILS the person only declared: accepting needs the acceptance code.
        case declaredSNILS = "declared_snils"

        /// Whether accepting needs the acceptance code.
        public var needsAcceptanceCode: Bool { self == .declaredSNILS }
    }

    /// The invitations `account` matches, with what each match rests on.
    ///
    /// An adult, active account matches an invitation whose match index equals the
    /// index of (its last name, its verified phone) or (its last name, its SNILS) under
    /// any index key still in use. A declared SNILS counts only when no other account
    /// holds the number verified. A student, or an account without a profile, matches
    /// nothing; nor does the inviting guardian.
    /// - Throws: a store or sealing error.
    static func matches(for account: Account, keys: any DataKeyProvider, ownerKeys: OwnerKeys,
                        in tx: any ReadTransaction) throws -> [(TrustedInvitation, MatchBasis)]
    {
        guard account.category == .adult, account.status == .active else { return [] }
        let ownerKey = try ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys)
        guard let profile = try? AccountProfile(sealed: account.profile, for: account.id, under: ownerKey) else { return [] }
        var identifiers: [(TrustedInvitee.Identifier, MatchBasis)] = []
        for contact in try tx.contacts.contacts(of: account.id) where contact.isVerified {
            if case .phone(let phone) = try contact.destination(ownerKey: ownerKey) {
                identifiers.append((.phone(phone), .phone))
            }
        }
        if let record = try tx.snils.snils(of: account.id) {
            let snils = try record.snils(ownerKey: ownerKey)
            if record.isVerified {
                identifiers.append((.snils(snils), .verifiedSNILS))
            } else {
                let verifiedElsewhere = try keys.indexKeys.contains { key in
                    try tx.snils.accounts(index: snils.blindIndex(key: key).bytes)
                        .contains { $0.0 != account.id && $0.1 == .verified }
                }
                if !verifiedElsewhere { identifiers.append((.snils(snils), .declaredSNILS)) }
            }
        }
        var found: [TrustedInvitation.ID: (TrustedInvitation, MatchBasis)] = [:]
        for (identifier, basis) in identifiers {
            for key in keys.indexKeys {
                let index = TrustedInvitee.matchIndex(identifier, lastName: profile.lastName, key: key).bytes
                for invitation in try tx.trustedInvitations.invitations(matchIndex: index)
                where invitation.guardianID != account.id && invitation.identifierKind == identifier.kind {
                    if found[invitation.id] == nil { found[invitation.id] = (invitation, basis) }
                }
            }
        }
        return found.values.sorted { ($0.0.createdAt, $0.0.id.rawValue) < ($1.0.createdAt, $1.0.id.rawValue) }
    }

    /// Whether every approval the invitation needs was given.
    static func approvalsComplete(_ invitation: TrustedInvitation, in store: any TrustedInvitationReader) throws -> Bool {
        guard invitation.requiresApproval else { return true }
        return try store.approvals(of: invitation.id).allSatisfy { $0.approvedAt != nil }
    }

    /// The invitations the person may see as invitee: the open ones (not lapsed) their
    /// account matches now, and every one they accepted or declined. Nothing else is
    /// ever revealed. Names of the child and the inviting guardian are shown only when
    /// the match needs no acceptance code or the invitation was accepted.
    /// - Throws: a store or sealing error.
    public func received(actor: Actor) async throws -> [ReceivedInvitation] {
        guard actor.account.category == .adult else { return [] }
        let now = environment.clock.now()
        let (keys, ownerKeys, account) = (environment.dataKeys, environment.ownerKeys, actor.account)
        return try await environment.storage.read { tx in
            var seen: Set<TrustedInvitation.ID> = []
            var result: [ReceivedInvitation] = []
            func add(_ invitation: TrustedInvitation, basis: MatchBasis?) throws {
                guard seen.insert(invitation.id).inserted else { return }
                let phase = invitation.phase(at: now, approvalsComplete: try Self.approvalsComplete(invitation, in: tx.trustedInvitations))
                let revealed = invitation.inviteeID == account.id || !(basis?.needsAcceptanceCode ?? false)
                result.append(ReceivedInvitation(
                    invitation: invitation, phase: phase, acceptanceCodeRequired: basis?.needsAcceptanceCode ?? false,
                    studentName: revealed ? try Self.name(of: invitation.studentID, ownerKeys: ownerKeys, in: tx) : nil,
                    guardianName: revealed ? try Self.name(of: invitation.guardianID, ownerKeys: ownerKeys, in: tx) : nil))
            }
            for invitation in try tx.trustedInvitations.invitations(ofInvitee: account.id) { try add(invitation, basis: nil) }
            for (invitation, basis) in try Self.matches(for: account, keys: keys, ownerKeys: ownerKeys, in: tx)
            where invitation.phase(at: now, approvalsComplete: true) == .invited {
                try add(invitation, basis: basis)
            }
            return result.sorted { ($0.invitation.createdAt, $0.invitation.id.rawValue) < ($1.invitation.createdAt, $1.invitation.id.rawValue) }
        }
    }

    /// "Фамилия Имя" of an account, or `nil` when it has no readable profile.
    static func name(of accountID: Account.ID, ownerKeys: OwnerKeys, in tx: any ReadTransaction) throws -> String? {
        guard let account = try tx.accounts.account(accountID) else { return nil }
        let key = try ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys)
        guard let profile = try? AccountProfile(sealed: account.profile, for: accountID, under: key) else { return nil }
        return "\(profile.lastName) \(profile.firstName)"
    }
}
