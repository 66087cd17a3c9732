import SchoolIDBase

extension Courier {
    /// Which of an account's verified contacts a notice goes to.
    public enum Reach: Sendable {
        /// Every verified phone and email: security notices (a password reset, staff
        /// resetting access), so a change the holder did not make cannot go unseen.
        case every
        /// The first verified contact (the store's order: the phone, else the email):
        /// informational notices to people other than the actor.
        case one
    }

    /// Queues `template` to `account`'s verified contacts, in the account's language,
    /// inside the caller's unit so the notice commits with the change it reports. An
    /// account without a verified contact gets nothing (it sees the change in its
    /// account).
    /// - Parameters:
    ///   - account: the recipient (its id, owner key and ``Account/locale``).
    ///   - template: the notice.
    ///   - reach: every verified contact or one.
    ///   - environment: the data keys, owner keys and randomness.
    ///   - now: the unit's time.
    ///   - tx: the caller's unit of work.
    /// - Throws: a sealing or store error.
    /// - Returns: how many messages were queued.
    @discardableResult
    public static func notify(_ account: Account, _ template: MessageTemplate, reach: Reach,
                              environment: ServiceEnvironment, now: UnixTime, in tx: any WriteTransaction) throws -> Int
    {
        var verified = try tx.contacts.contacts(of: account.id).filter(\.isVerified)
        if reach == .one { verified = Array(verified.prefix(1)) }
        guard !verified.isEmpty else { return 0 }
        let ownerKey = try environment.ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys)
        let keys = environment.dataKeys
        for contact in verified {
            try send(template, to: try contact.destination(ownerKey: ownerKey), language: account.locale, now: now,
                     keys: keys, random: environment.random, in: tx)
        }
        return verified.count
    }
}
