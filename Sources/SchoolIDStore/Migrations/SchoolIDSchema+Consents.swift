extension SchoolIDSchema {
    /// `0015-consents`: consents to the processing of personal data (issue 8; 152-FZ
    /// art. 9, GDPR Art. 7(1)).
    ///
    /// - `consents`: one row per consent given, append-only: `subject_id` is the account
    ///   whose data it covers, `given_by` the adult who gave it (the subject for `own`,
    ///   a guardian for `legal_representative`), `text_version` the consent text's
    ///   version (`consent.json`), `channel` `web` or `api`. No personal data: only
    ///   pseudonymous ids, a version and a time.
    /// - `registrations.consent_version`: the text version the registrant accepted at
    ///   start, and `consent_channel` the channel of that start, recorded as the new
    ///   account's `own` consent at confirmation (NULL on rows from before this migration).
    static let consents = Migration(id: "0015-consents", sql: """
        CREATE TABLE consents (
            id TEXT PRIMARY KEY NOT NULL,
            subject_id TEXT NOT NULL REFERENCES accounts (id),
            given_by TEXT NOT NULL REFERENCES accounts (id),
            basis TEXT NOT NULL CHECK (basis IN ('own', 'legal_representative')),
            text_version INTEGER NOT NULL CHECK (text_version > 0),
            channel TEXT NOT NULL CHECK (channel IN ('web', 'api')),
            given_at INTEGER NOT NULL,
            CHECK (basis <> 'own' OR subject_id = given_by)
        ) STRICT;
        CREATE INDEX consents_by_subject ON consents (subject_id, given_at);
        CREATE INDEX consents_by_giver ON consents (given_by, given_at);
        ALTER TABLE registrations ADD COLUMN consent_version INTEGER;
        ALTER TABLE registrations ADD COLUMN consent_channel TEXT CHECK (consent_channel IN ('web', 'api'));
        """)
}
