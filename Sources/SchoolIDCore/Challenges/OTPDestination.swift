import SchoolIDCrypto

/// Where a one-time code goes: a phone number (SMS) or an email address.
public enum OTPDestination: Hashable, Sendable {
    case phone(PhoneNumber)
    case email(Email)

    /// The form the blind index is computed over: E.164 for a phone, the whole address
    /// lower-cased for an email. Lower-casing the local part too (RFC 5321 §2.4 lets a
    /// server distinguish case, but real mailboxes do not) keeps `A@x.ru` and `a@x.ru`
    /// from counting as two destinations against the per-destination quota.
    public var normalizedText: String {
        switch self {
        case .phone(let phone): phone.rawValue
        case .email(let email): email.rawValue.lowercased()
        }
    }

    /// The channel that reaches this destination.
    public var channel: Challenge.Channel {
        switch self {
        case .phone: .sms
        case .email: .email
        }
    }

    /// The blind index stored in `challenges.destination_index` and `otp_sends`.
    /// - Parameter key: the keyring's `index` key.
    public func index(key: SymmetricKey) -> BlindIndex {
        BlindIndex(normalizedText, table: "challenges", column: "destination", key: key)
    }
}

extension OTPDestination {
    /// The account's verified phone as a destination (opened with its owner key), or
    /// `nil` when it has none.
    /// - Throws: a store or sealing error.
    static func verifiedPhone(of accountID: Account.ID, ownerKeys: OwnerKeys, in tx: any WriteTransaction) throws -> Self? {
        guard let phone = try tx.contacts.contacts(of: accountID).first(where: { $0.kind == .phone && $0.isVerified })
        else { return nil }
        return try phone.destination(ownerKey: ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys))
    }
}
