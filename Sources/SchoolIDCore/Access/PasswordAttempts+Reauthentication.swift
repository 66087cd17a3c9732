import SchoolIDBase

extension PasswordAttempts {
    /// Checks the current password of a logged-in person before a sensitive change
    /// (password, phone, email), counted like a login attempt: the per-address budget,
    /// the backoff of the (login, address) pair, and a failure towards the account cap.
    /// - Throws: `DomainError(.unauthorized)` without a session or login,
    ///   `DomainError(.invalidCredentials)`, a password format error, ``ThrottleError``.
    /// - Returns: the account's password credential.
    func verifyCurrentPassword(of actor: Actor, _ text: String, context: RequestContext) async throws
        -> PasswordCredential
    {
        guard actor.session != nil, let login = actor.account.login else { throw DomainError(.unauthorized) }
        let password = try Password(text, maximumLength: environment.policies.passwords.maximumLength)
        try await takeAddressAttempt(context)
        let key = key(login, address: context.clientAddress)
        let accountID = actor.account.id
        let (credential, counter) = try await environment.storage.read { tx in
            (try tx.credentials.password(of: accountID), try tx.credentials.failureCounter(key))
        }
        try await checkBackoff(counter, now: environment.clock.now(), context: context)
        guard let credential, try await environment.hasher.verify(password, against: credential.hash, priority: .interactive)
        else {
            try await recordFailure(key: key, account: actor.account, context: context)
            throw DomainError(.invalidCredentials)
        }
        return credential
    }
}
