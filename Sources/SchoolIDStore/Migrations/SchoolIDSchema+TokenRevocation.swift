extension SchoolIDSchema {
    /// `0019-token-revocation`: what makes an unexpired access token inactive before its
    /// `exp` (RFC 7009 §2, RFC 7662 §2.2; issue 9).
    ///
    /// `revoked_access_tokens` denylists one token's `jti` until its expiry.
    /// `revoked_token_families` marks a refresh family (the authorization grant an access
    /// token's `fam` claim names) revoked by a code or refresh replay, `/oauth/revoke`
    /// or a client disable, until `revoked_at` + 900 s, the longest an access token
    /// lives. Neither holds a token or a person's data; retention deletes rows past
    /// `expires_at`. An explicit end of a login session revokes the refresh tokens issued
    /// under it, found by `session_hash`, hence the index.
    static let tokenRevocation = Migration(id: "0019-token-revocation", sql: """
        CREATE TABLE revoked_access_tokens (
            jti TEXT PRIMARY KEY NOT NULL,
            client_id TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            revoked_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX revoked_access_tokens_by_expiry ON revoked_access_tokens (expires_at);
        CREATE TABLE revoked_token_families (
            family_id TEXT PRIMARY KEY NOT NULL,
            revoked_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX revoked_token_families_by_expiry ON revoked_token_families (expires_at);
        CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_hash);
        """)
}
