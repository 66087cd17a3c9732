import SchoolIDBase
import SchoolIDCore

/// `revoked_access_tokens` (and the expiry of `revoked_token_families`) as the
/// access-token denylist.
struct SQLiteRevokedAccessTokenStore: RevokedAccessTokenStore {
    let connection: SQLiteConnection

    func contains(jwtID: String) throws -> Bool {
        try connection.queryFirst("SELECT 1 FROM revoked_access_tokens WHERE jti = ?", [jwtID]) != nil
    }

    func insert(_ token: RevokedAccessToken) throws {
        try connection.execute("""
            INSERT INTO revoked_access_tokens (jti, client_id, expires_at, revoked_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (jti) DO NOTHING
            """, [token.jwtID, token.clientID, token.expiresAt, token.revokedAt])
    }

    func deleteExpired(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM revoked_access_tokens WHERE expires_at < ?", [time])
        let tokens = connection.changes
        try connection.execute("DELETE FROM revoked_token_families WHERE expires_at < ?", [time])
        return tokens + connection.changes
    }
}
