extension SchoolIDSchema {
    /// `0003-challenges`: one-time code challenges and the send log (issue 5).
    ///
    /// - `challenges` holds no code and no destination in clear: `code_hash` is an
    ///   HMAC under the keyring's `otp` key (version `code_key_version`), and
    ///   `destination_index` a blind index under the `index` key. Consumed rows stay
    ///   as tombstones until `expires_at`, so a replay is refused as consumed; garbage
    ///   collection deletes them by `challenges_by_expiry`.
    /// - `otp_sends` logs every code sent, for per-destination and per-address quotas
    ///   over an hour and a day (counted in the database, not in memory, so restarts and
    ///   several processes share them). Rows older than a day are collected.
    static let challenges = Migration(id: "0003-challenges", sql: """
        CREATE TABLE challenges (
            id TEXT PRIMARY KEY NOT NULL,
            purpose TEXT NOT NULL,
            channel TEXT NOT NULL,
            account_id TEXT REFERENCES accounts (id),
            destination_index BLOB NOT NULL,
            code_hash BLOB NOT NULL,
            code_key_version INTEGER NOT NULL CHECK (code_key_version > 0),
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            attempts_left INTEGER NOT NULL CHECK (attempts_left >= 0),
            send_count INTEGER NOT NULL CHECK (send_count >= 1),
            last_sent_at INTEGER NOT NULL,
            consumed_at INTEGER
        ) STRICT;
        CREATE INDEX challenges_by_expiry ON challenges (expires_at);
        CREATE INDEX challenges_by_account ON challenges (account_id) WHERE account_id IS NOT NULL;

        CREATE TABLE otp_sends (
            destination_index BLOB NOT NULL,
            client_address TEXT NOT NULL,
            sent_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX otp_sends_by_destination ON otp_sends (destination_index, sent_at);
        CREATE INDEX otp_sends_by_address ON otp_sends (client_address, sent_at);
        CREATE INDEX otp_sends_by_time ON otp_sends (sent_at);
        """)
}
