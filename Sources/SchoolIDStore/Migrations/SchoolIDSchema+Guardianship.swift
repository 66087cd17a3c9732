extension SchoolIDSchema {
    /// `0012-guardianship`: guardian ↔ student links and link codes (issue 7).
    ///
    /// - `guardian_links` holds every link ever made, ended ones as history. A partial
    ///   unique index allows one open (pending or active) link per guardian and student;
    ///   state changes are conditional updates on `state`, so a parallel double-confirm
    ///   makes one transition.
    /// - `link_codes` holds the HMAC-SHA-256 of each code under the `otp` key of
    ///   `code_key_version` (never the code); `used_at` is set by a conditional update,
    ///   so a code links once. Used and expired rows stay until garbage collection.
    static let guardianship = Migration(id: "0012-guardianship", sql: """
        CREATE TABLE guardian_links (
            id TEXT PRIMARY KEY NOT NULL,
            guardian_id TEXT NOT NULL REFERENCES accounts (id),
            student_id TEXT NOT NULL REFERENCES accounts (id),
            relation TEXT NOT NULL CHECK (relation IN ('mother', 'father', 'legal_representative', 'other')),
            origin TEXT NOT NULL CHECK (origin IN ('credentials', 'link_code', 'staff_proposal')),
            state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'ended')),
            proposed_by TEXT REFERENCES accounts (id),
            created_at INTEGER NOT NULL,
            confirmed_at INTEGER,
            ended_at INTEGER,
            ended_by TEXT REFERENCES accounts (id),
            CHECK (guardian_id <> student_id),
            CHECK ((state = 'active') <= (confirmed_at IS NOT NULL)),
            CHECK ((state = 'ended') = (ended_at IS NOT NULL))
        ) STRICT;
        CREATE UNIQUE INDEX guardian_links_open_pair ON guardian_links (guardian_id, student_id)
            WHERE state <> 'ended';
        CREATE INDEX guardian_links_by_student ON guardian_links (student_id);

        CREATE TABLE link_codes (
            id TEXT PRIMARY KEY NOT NULL,
            student_id TEXT NOT NULL REFERENCES accounts (id),
            code_hmac BLOB NOT NULL UNIQUE,
            code_key_version INTEGER NOT NULL CHECK (code_key_version > 0),
            issued_by TEXT REFERENCES accounts (id),
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER
        ) STRICT;
        CREATE INDEX link_codes_by_student ON link_codes (student_id);
        """)
}
