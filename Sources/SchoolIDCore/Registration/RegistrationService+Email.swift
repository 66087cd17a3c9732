import SchoolIDBase

extension RegistrationService {
    /// Verifies the email of a just-registered account with the code confirmation sent
    /// there (`POST /v1/registrations/{id}/email/confirm`, by the account's own session).
    ///
    /// The check and the contact update share one unit; a wrong code spends an attempt
    /// (kept) and is thrown after the unit.
    /// - Parameters:
    ///   - id: the completed registration.
    ///   - accountID: the authenticated account, which must be the one it created.
    /// - Throws: `DomainError` `.registrationNotFound` (unknown, collected, another
    ///   account's, or no email code was sent), `.codeInvalid`, `.codeExpired`,
    ///   `.codeExhausted`, `.contactUnchanged` when another account verified the address
    ///   meanwhile.
    public func verifyEmail(_ id: PendingRegistration.ID, accountID: Account.ID, code: String,
                            context: RequestContext) async throws
    {
        let now = environment.clock.now()
        let refusal = try await environment.storage.write { [self] tx -> DomainError? in
            guard let registration = try tx.registrations.registration(id), registration.accountID == accountID,
                  let challengeID = registration.emailChallengeID
            else { throw DomainError(.registrationNotFound) }
            if case .failure(let error) = try challenges.check(challengeID, purpose: .emailChange, code: code,
                                                               context: context, now: now, in: tx) {
                return error
            }
            guard var contact = try tx.contacts.contacts(of: accountID).first(where: { $0.kind == .email }) else {
                return DomainError(.contactUnchanged)
            }
            contact.verifiedAt = now
            contact.updatedAt = now
            do { try tx.contacts.save(contact) } catch StoreError.alreadyExists { return DomainError(.contactUnchanged) }
            _ = try tx.audit.append(AuditEvent(at: now, action: .registrationEmailVerified, actorID: accountID,
                                               targetID: accountID, clientAddress: context.clientAddress,
                                               requestID: context.requestID,
                                               detail: "registration \(id): email verified"))
            return nil
        }
        if let refusal { throw refusal }
    }
}
