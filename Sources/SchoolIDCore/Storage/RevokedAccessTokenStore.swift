import SchoolIDBase

/// An access token revoked before its expiry (RFC 7009 §2.1): its `jti` is denylisted
/// until `exp`, after which the signature check refuses it anyway.
public struct RevokedAccessToken: Hashable, Sendable {
    /// The token's `jti`.
    public var jwtID: String
    /// The client the token was issued to.
    public var clientID: String
    /// The token's `exp`: the row is useless after it.
    public var expiresAt: UnixTime
    public var revokedAt: UnixTime

    public init(jwtID: String, clientID: String, expiresAt: UnixTime, revokedAt: UnixTime) {
        self.jwtID = jwtID
        self.clientID = clientID
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// Reads the access-token denylist.
public protocol RevokedAccessTokenReader {
    /// Whether the access token with this `jti` was revoked.
    /// - Throws: a backend error.
    func contains(jwtID: String) throws -> Bool
}

/// The access-token denylist (`/oauth/revoke`, RFC 7009) and, with it, the expiry of
/// the refresh-family revocation marks that
/// ``RefreshTokenStore/revokeFamily(_:at:)`` writes.
public protocol RevokedAccessTokenStore: RevokedAccessTokenReader {
    /// Denylists a token; a `jti` already listed is left as it is.
    /// - Throws: a backend error.
    func insert(_ token: RevokedAccessToken) throws
    /// Deletes denylisted tokens and family marks whose `expires_at` is before `time`:
    /// every access token they could refuse has expired by then.
    /// - Returns: how many rows were deleted.
    @discardableResult
    func deleteExpired(before time: UnixTime) throws -> Int
}
