extension SchoolIDSchema {
    /// `0004-outbox`: the durable outbox of SMS and email messages (issue 5).
    ///
    /// `destination` and `body` are serialized `SealedField`s under the keyring's `data`
    /// key (associated data binds `outbox`, the column, the message id and the key
    /// version); `body` is set to NULL once the message is sent, failed or dropped, and
    /// `secure_delete` overwrites the freed bytes. `last_error` holds a status code or a
    /// transport error, never content. The partial index serves the dispatcher's
    /// "pending and due" scan and stays as small as the backlog.
    static let outbox = Migration(id: "0004-outbox", sql: """
        CREATE TABLE outbox (
            id TEXT PRIMARY KEY NOT NULL,
            channel TEXT NOT NULL,
            destination BLOB NOT NULL,
            body BLOB,
            status TEXT NOT NULL,
            decoy INTEGER NOT NULL CHECK (decoy IN (0, 1)),
            attempts INTEGER NOT NULL CHECK (attempts >= 0),
            next_attempt_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            sent_at INTEGER,
            last_error TEXT
        ) STRICT;
        CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
        """)
}
