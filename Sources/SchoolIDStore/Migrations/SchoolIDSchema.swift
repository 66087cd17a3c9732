/// The SchoolID schema: every migration, in order. Later issues append theirs.
public enum SchoolIDSchema {
    /// All migrations, oldest first. The last one is "head".
    public static let migrations: [Migration] = [
        foundation,
        directory,
        challenges,
        outbox,
        contacts,
        registrations,
        recovery,
        contactChanges,
        secondFactors,
        sessionStrength,
        snils,
        guardianship,
        keyRotations,
        trustedAccess,
        consents,
        auditRetention,
        clients,
        oauthGrants,
        tokenRevocation,
        acknowledgements,
        ledger,
        acknowledgementSigning,
        ledgerNodes,
    ]

    /// `0001-foundation`: per-owner data keys.
    ///
    /// `owner_keys` holds each owner's (account's) random AES-256 key, sealed by the
    /// keyring's `data` key of version `data_key_version` (associated data binds the
    /// owner id and that version). Deleting an owner's row crypto-shreds every field
    /// sealed under that key; `secure_delete=ON` overwrites the freed page content.
    static let foundation = Migration(id: "0001-foundation", sql: """
        CREATE TABLE owner_keys (
            owner_id TEXT PRIMARY KEY NOT NULL,
            key_version INTEGER NOT NULL CHECK (key_version > 0),
            wrapped_key BLOB NOT NULL,
            data_key_version INTEGER NOT NULL CHECK (data_key_version > 0),
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX owner_keys_by_data_key_version ON owner_keys (data_key_version);
        """)
}
