import Foundation
import SchoolIDBase

/// The body of one account deletion, inside the caller's storage unit: finds every
/// form of the person's phone, email and SNILS the tables may hold (sealed values and
/// blind indexes under every index key), removes the rows that carry them, ends what
/// must stay as history, destroys the owner key and tombstones the account.
struct AccountEraser {
    let account: Account
    let actorID: Account.ID?
    let now: UnixTime
    let keys: any DataKeyProvider
    let ownerKeys: OwnerKeys
    let tx: any WriteTransaction

    /// How many outbox rows one scan step reads.
    private static let outboxPage = 200

    /// What the person's identifiers look like in the tables.
    private struct Traces {
        /// Normalized phone and email texts (as the outbox seals them).
        var destinations: Set<String> = []
        /// Contact blind indexes (`contacts`, `contact_changes`, `registrations.phone_index`).
        var contactIndexes: Set<[UInt8]> = []
        /// Challenge blind indexes (`challenges`, `otp_sends`).
        var challengeIndexes: Set<[UInt8]> = []
        /// Trusted-invitation match indexes (last name plus phone or SNILS).
        var matchIndexes: Set<[UInt8]> = []
    }

    func run() throws -> AccountDeletionService.Report {
        let id = account.id
        let traces = try collectTraces()
        var removed: [(String, Int)] = []
        func record(_ what: String, _ count: Int) { removed.append((what, count)) }

        record("sessions", try tx.sessions.revokeAll(of: id, except: nil, at: now))
        record("refresh_tokens", try tx.refreshTokens.revokeAll(accountID: id, at: now))
        record("guardian_links", try endLinks())
        record("trusted_invitations", try tx.trustedInvitations.deleteAll(
            involving: id, matchIndexes: traces.matchIndexes.sorted { $0.lexicographicallyPrecedes($1) }))
        record("link_codes", try tx.guardianLinks.deleteCodes(involving: id))
        var contacts = 0
        for kind in AccountContact.Kind.allCases where try tx.contacts.delete(of: id, kind: kind) { contacts += 1 }
        record("contacts", contacts)
        record("contact_changes", try tx.contactChanges.deleteAll(of: id))
        record("snils", try tx.snils.delete(of: id) ? 1 : 0)
        record("second_factors", try tx.secondFactors.deleteAll(of: id))
        record("password", try tx.credentials.deletePassword(of: id) ? 1 : 0)
        let challengeIndexes = traces.challengeIndexes.sorted { $0.lexicographicallyPrecedes($1) }
        record("challenges", try tx.challenges.deleteChallenges(of: id, destinations: challengeIndexes))
        record("code_sends", try tx.challenges.deleteSends(toDestinations: challengeIndexes))
        record("recovery_flows", try tx.recoveryFlows.deleteAll(of: id))
        record("registrations", try tx.registrations.deleteAll(
            of: id, phoneIndexes: traces.contactIndexes.sorted { $0.lexicographicallyPrecedes($1) }))
        record("outbox", try deleteOutbox(to: traces.destinations))
        record("credential_batches", try purgeBatches())
        var enrolments = 0
        for enrolment in try tx.accounts.enrolments(of: id) where enrolment.endedAt == nil {
            try tx.accounts.endEnrolment(enrolment.id, at: now)
            enrolments += 1
        }
        record("enrolments", enrolments)
        record("staff_memberships", try tx.accounts.endMemberships(of: id, at: now))
        record("owner_key", try ownerKeys.destroy(ownerID: id.rawValue, in: tx.ownerKeys) ? 1 : 0)
        try tx.accounts.tombstone(id, releasingLogin: account.category == .adult, at: now)
        return AccountDeletionService.Report(accountID: id, removed: removed.map { .init(what: $0.0, count: $0.1) })
    }

    /// Opens the person's contacts, pending contact changes, SNILS and names with their
    /// owner key (before it is destroyed) and derives every index form.
    private func collectTraces() throws -> Traces {
        var traces = Traces()
        guard let ownerKey = try? ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys) else { return traces }
        let lastName = try? AccountProfile(sealed: account.profile, for: account.id, under: ownerKey).lastName
        var destinations: [OTPDestination] = []
        for contact in try tx.contacts.contacts(of: account.id) {
            traces.contactIndexes.insert(contact.valueIndex)
            if let destination = try? contact.destination(ownerKey: ownerKey) { destinations.append(destination) }
        }
        let snils = try tx.snils.snils(of: account.id)
        var identifiers: [TrustedInvitee.Identifier] = []
        if let snils, let number = try? snils.snils(ownerKey: ownerKey) { identifiers.append(.snils(number)) }
        for destination in destinations {
            traces.destinations.insert(destination.normalizedText)
            if case .phone(let phone) = destination { identifiers.append(.phone(phone)) }
            for key in keys.indexKeys {
                traces.contactIndexes.insert(destination.contactIndex(key: key).bytes)
                traces.challengeIndexes.insert(destination.index(key: key).bytes)
            }
        }
        if let lastName {
            for identifier in identifiers {
                for key in keys.indexKeys {
                    traces.matchIndexes.insert(TrustedInvitee.matchIndex(identifier, lastName: lastName, key: key).bytes)
                }
            }
        }
        return traces
    }

    /// Ends the account's open guardian links, as guardian or as student.
    private func endLinks() throws -> Int {
        let links = try tx.guardianLinks.links(ofGuardian: account.id) + tx.guardianLinks.links(ofStudent: account.id)
        var ended = 0
        for link in links where link.state != .ended {
            if try tx.guardianLinks.transition(link.id, from: link.state, to: .ended, at: now, by: actorID ?? account.id) {
                ended += 1
            }
        }
        return ended
    }

    /// Deletes the outbox messages whose destination opens to one of `destinations`
    /// (sealed under the data key, so the table is scanned and each row opened).
    private func deleteOutbox(to destinations: Set<String>) throws -> Int {
        guard !destinations.isEmpty else { return 0 }
        var deleted = 0
        var after: OutboxMessage.ID?
        while true {
            let page = try tx.outbox.messages(after: after, limit: Self.outboxPage)
            for message in page where destinations.contains(openDestination(message) ?? "") {
                if try tx.outbox.delete(message.id) { deleted += 1 }
            }
            guard page.count == Self.outboxPage, let last = page.last else { return deleted }
            after = last.id
        }
    }

    private func openDestination(_ message: OutboxMessage) -> String? {
        guard let field = try? SealedField(serialized: message.destination),
              let dataKey = keys.dataKey(version: field.keyVersion)
        else { return nil }
        return try? field.openString(with: SealingKey(key: dataKey, version: field.keyVersion),
                                     for: OutboxMessage.destinationContext(message.id))
    }

    /// Purges the credential batches of the student's classes whose sealed result
    /// still lists the student (its temporary password and names).
    private func purgeBatches() throws -> Int {
        guard account.category == .student else { return 0 }
        var purged = 0
        for classID in Set(try tx.accounts.enrolments(of: account.id).map(\.classID)) {
            for batchID in try tx.batches.unpurgedBatches(ofClass: classID) where try lists(batchID) {
                try CredentialBatchService.purge(batchID, at: now, ownerKeys: ownerKeys, in: tx, reason: "student deleted")
                purged += 1
            }
        }
        return purged
    }

    /// Whether the batch's sealed result names the account (an unreadable one counts).
    private func lists(_ batchID: CredentialBatch.ID) throws -> Bool {
        guard let sealed = try tx.batches.batch(batchID)?.sealedResult else { return false }
        guard let key = try? ownerKeys.key(for: batchID.rawValue, in: tx.ownerKeys),
              let json = try? SealedField(serialized: sealed).open(
                  with: key, for: CredentialBatchService.context(batchID, "sealed_result")),
              let issued = try? JSONDecoder().decode([IssuedCredential].self, from: Data(json))
        else { return true }
        return issued.contains { $0.accountID == account.id }
    }
}
