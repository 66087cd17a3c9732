extension SchoolIDSchema {
    /// `0008-contact-changes`: phone and email changes waiting for their code (issue 5,
    /// security settings).
    ///
    /// One row per challenge (`challenge_id`, the `chl_…` id of the code sent to the new
    /// value). `value` is a `SealedField` under the owner's key; `value_index` a blind
    /// index like `contacts.value_index`. `decoy` marks a change asked for a value that
    /// another account had verified: it can never be confirmed. Rows are deleted when
    /// confirmed or by garbage collection after `expires_at`.
    static let contactChanges = Migration(id: "0008-contact-changes", sql: """
        CREATE TABLE contact_changes (
            challenge_id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            kind TEXT NOT NULL CHECK (kind IN ('phone', 'email')),
            value BLOB NOT NULL,
            value_index BLOB NOT NULL,
            decoy INTEGER NOT NULL CHECK (decoy IN (0, 1)),
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX contact_changes_expiry ON contact_changes (expires_at);
        """)
}
