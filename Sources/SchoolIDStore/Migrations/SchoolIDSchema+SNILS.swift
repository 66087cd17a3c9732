extension SchoolIDSchema {
    /// `0011-snils`: each account's SNILS (issue 7).
    ///
    /// One row per account. `value` is a `SealedField` of the 11 digits under the
    /// owner's key; `value_index` a blind index under the `index` key. `status` says who
    /// vouched for it: `declared` (the person) or `verified` (staff who saw the
    /// document). A verified number belongs to one account at most (`snils_verified`);
    /// declared numbers may repeat, and `snils_by_index` finds every holder.
    static let snils = Migration(id: "0011-snils", sql: """
        CREATE TABLE snils (
            account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id),
            value BLOB NOT NULL,
            value_index BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('declared', 'verified')),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE UNIQUE INDEX snils_verified ON snils (value_index) WHERE status = 'verified';
        CREATE INDEX snils_by_index ON snils (value_index);
        """)
}
