extension SchoolIDSchema {
    /// `0018-oauth-grants`: authorization codes and refresh tokens at rest (issue 9).
    ///
    /// Both are stored by the SHA-256 hash of the secret (STYLE §6), never the value.
    /// Redemption and rotation leave tombstones (`consumed_at`, `rotated_at`) so that a
    /// replay is recognised and revokes the refresh family (`family_id`) the first use
    /// opened. `client_id` names an OAuth client (`0017-clients`) without a foreign key,
    /// so the grants do not depend on the order in which the two migrations land; the
    /// session reference has none either, because retention deletes dead sessions
    /// before their refresh tokens' tombstones.
    static let oauthGrants = Migration(id: "0018-oauth-grants", sql: """
        CREATE TABLE authorization_codes (
            code_hash BLOB PRIMARY KEY NOT NULL,
            client_id TEXT NOT NULL,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            session_hash BLOB NOT NULL,
            redirect_uri TEXT NOT NULL,
            code_challenge TEXT NOT NULL,
            scope TEXT NOT NULL,
            nonce TEXT,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            consumed_at INTEGER,
            family_id TEXT NOT NULL
        ) STRICT;
        CREATE INDEX authorization_codes_by_account ON authorization_codes (account_id);
        CREATE INDEX authorization_codes_by_expiry ON authorization_codes (expires_at);
        CREATE TABLE refresh_tokens (
            token_hash BLOB PRIMARY KEY NOT NULL,
            family_id TEXT NOT NULL,
            client_id TEXT NOT NULL,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            session_hash BLOB,
            scope TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            idle_expires_at INTEGER NOT NULL,
            absolute_expires_at INTEGER NOT NULL CHECK (absolute_expires_at >= idle_expires_at),
            rotated_at INTEGER,
            revoked_at INTEGER
        ) STRICT;
        CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
        CREATE INDEX refresh_tokens_by_client ON refresh_tokens (client_id);
        CREATE INDEX refresh_tokens_by_account ON refresh_tokens (account_id);
        CREATE INDEX refresh_tokens_by_absolute_expiry ON refresh_tokens (absolute_expires_at);
        CREATE INDEX refresh_tokens_by_idle_expiry ON refresh_tokens (idle_expires_at);
        """)
}
