extension SchoolIDSchema {
    /// `0006-registrations`: guardians' self-registrations until they become accounts
    /// (issue 5).
    ///
    /// - `details` is a `SealedField` of the typed names, phone, email, login and
    ///   language under the keyring's `data` key (no owner key exists before the
    ///   account); `password_hash` a PHC string; `phone_index` a blind index under the
    ///   `index` key. Nothing here is readable without the keyring.
    /// - `decoy` marks a registration whose phone already belonged to an account: the
    ///   owner was notified instead of receiving a code, and it never completes.
    /// - Rows are deleted after `expires_at` (garbage collection); a completed row is
    ///   kept until its email code has expired.
    static let registrations = Migration(id: "0006-registrations", sql: """
        CREATE TABLE registrations (
            id TEXT PRIMARY KEY NOT NULL,
            challenge_id TEXT NOT NULL,
            details BLOB NOT NULL,
            password_hash TEXT NOT NULL,
            phone_index BLOB NOT NULL,
            decoy INTEGER NOT NULL CHECK (decoy IN (0, 1)),
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            phone_verified_at INTEGER,
            completed_at INTEGER,
            account_id TEXT REFERENCES accounts (id),
            email_challenge_id TEXT,
            CHECK (completed_at IS NULL OR (phone_verified_at IS NOT NULL AND account_id IS NOT NULL))
        ) STRICT;
        CREATE INDEX registrations_by_expiry ON registrations (expires_at);
        """)
}
