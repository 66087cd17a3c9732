extension SchoolIDSchema {
    /// `0005-contacts`: accounts' phones and email addresses, and each account's language
    /// for messages (issue 5).
    ///
    /// - `contacts` holds one row per account and kind. `value` is a `SealedField` under
    ///   the owner's key; `value_index` a blind index under the `index` key. A verified
    ///   value belongs to one account at most (`contacts_verified`), which is how
    ///   "I don't remember my login" finds the account; unverified rows may repeat.
    /// - `accounts.locale` is the language of the SMS and emails the account receives.
    static let contacts = Migration(id: "0005-contacts", sql: """
        CREATE TABLE contacts (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            kind TEXT NOT NULL CHECK (kind IN ('phone', 'email')),
            value BLOB NOT NULL,
            value_index BLOB NOT NULL,
            verified_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, kind)
        ) STRICT, WITHOUT ROWID;
        CREATE UNIQUE INDEX contacts_verified ON contacts (kind, value_index) WHERE verified_at IS NOT NULL;

        ALTER TABLE accounts ADD COLUMN locale TEXT NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en'));
        """)
}
