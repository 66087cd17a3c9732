extension SchoolIDSchema {
    /// `0007-recovery`: "I don't remember my password" flows (issue 5).
    ///
    /// `recovery_flows` holds one row per request, decoys included: `account_id` is
    /// NULL when the login, phone or email matched no account, so an unknown account
    /// costs the same write as a known one. A flow points at the challenges whose codes
    /// it needs (at least one); no contact is stored here. Rows are collected once
    /// expired (`recovery_flows_by_expiry`).
    static let recovery = Migration(id: "0007-recovery", sql: """
        CREATE TABLE recovery_flows (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT REFERENCES accounts (id),
            sms_challenge_id TEXT,
            email_challenge_id TEXT,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            completed_at INTEGER,
            CHECK (sms_challenge_id IS NOT NULL OR email_challenge_id IS NOT NULL)
        ) STRICT;
        CREATE INDEX recovery_flows_by_expiry ON recovery_flows (expires_at);
        CREATE INDEX recovery_flows_by_account ON recovery_flows (account_id) WHERE account_id IS NOT NULL;
        """)
}
