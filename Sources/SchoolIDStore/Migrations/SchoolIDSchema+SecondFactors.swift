extension SchoolIDSchema {
    /// `0009-second-factors`: TOTP and SMS second factors and recovery codes (issue 6).
    ///
    /// - `second_factors` holds one row per account and kind. `secret` is the TOTP key, a
    ///   `SealedField` under the owner's key (context `second_factors.secret.<account>:<kind>`);
    ///   SMS rows have none (their codes go to the verified phone). `confirmed_at` is NULL
    ///   while enrolment waits for the first code. `last_used_step` is the last TOTP
    ///   step accepted: a conditional update on it lets each step in once (RFC 6238 §5.2).
    /// - `recovery_codes` holds the account's ten single-use codes as scrypt PHC strings;
    ///   `used_at` is set by a conditional update, so a code works once.
    static let secondFactors = Migration(id: "0009-second-factors", sql: """
        CREATE TABLE second_factors (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            kind TEXT NOT NULL CHECK (kind IN ('totp', 'sms')),
            secret BLOB,
            created_at INTEGER NOT NULL,
            confirmed_at INTEGER,
            last_used_step INTEGER,
            last_used_at INTEGER,
            PRIMARY KEY (account_id, kind),
            CHECK ((kind = 'totp') = (secret IS NOT NULL))
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE recovery_codes (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            slot INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 9),
            code_hash TEXT NOT NULL,
            used_at INTEGER,
            PRIMARY KEY (account_id, slot)
        ) STRICT, WITHOUT ROWID;
        """)
}
