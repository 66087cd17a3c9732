extension SchoolIDSchema {
    /// `0021-ledger`: the acknowledgement ledger, an append-only Merkle tree (RFC 9162
    /// §2.1; issue 10).
    ///
    /// `ledger_entries` row `i` is leaf `i`: its leaf data is SHA-256 of the entry's JWS
    /// (32 bytes), and the row holds no personal data. The JWS itself sits in
    /// `ledger_bodies`, sealed under the student's owner key (`ledger_bodies.body`, row id
    /// the index in decimal), until `expires_at` (retention) or until the student's key
    /// is shredded. `ledger_checkpoints` keeps every signed tree head, one per size.
    /// No foreign keys: entries outlive acknowledgements and accounts, and
    /// `schoolid ledger verify` reports missing or edited rows rather than SQLite refusing them.
    static let ledger = Migration(id: "0021-ledger", sql: """
        CREATE TABLE ledger_entries (
            ledger_index INTEGER PRIMARY KEY NOT NULL CHECK (ledger_index >= 0),
            kind TEXT NOT NULL CHECK (kind IN ('receipt', 'withdrawal')),
            acknowledgement_id TEXT NOT NULL,
            leaf_data BLOB NOT NULL CHECK (length(leaf_data) = 32),
            appended_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE ledger_bodies (
            ledger_index INTEGER PRIMARY KEY NOT NULL,
            owner_id TEXT NOT NULL,
            body BLOB NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ledger_bodies_by_expiry ON ledger_bodies (expires_at);
        CREATE TABLE ledger_checkpoints (
            tree_size INTEGER PRIMARY KEY NOT NULL CHECK (tree_size >= 0),
            root BLOB NOT NULL CHECK (length(root) = 32),
            signed_at INTEGER NOT NULL,
            compact TEXT NOT NULL
        ) STRICT;
        """)
}
