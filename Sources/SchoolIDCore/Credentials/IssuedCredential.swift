import SchoolIDBase

/// One student's login and temporary password as printed on a slip: held sealed in the
/// batch for at most 15 minutes, shown once as a slip page and once as CSV.
public struct IssuedCredential: Hashable, Sendable, Codable {
    public var accountID: Account.ID
    public var login: Login
    /// The temporary password (a secret: only the slip page and CSV show it).
    public var password: String
    public var profile: AccountProfile
    public var expiresAt: UnixTime

    public init(accountID: Account.ID, login: Login, password: String, profile: AccountProfile, expiresAt: UnixTime) {
        self.accountID = accountID
        self.login = login
        self.password = password
        self.profile = profile
        self.expiresAt = expiresAt
    }
}
