extension SchoolIDSchema {
    /// `0014-trusted-access`: trusted-person invitations, the grants they become, and
    /// the guardians' approvals (issue 7).
    ///
    /// - `trusted_invitations` keeps the states an action sets (`invited`, `declined`,
    ///   `accepted`, `revoked`); lapse, activation and expiry are derived from
    ///   `lapses_at`, `active_from` and `expires_at`. Each change is a conditional
    ///   update on `state` (and the times), so a parallel double-accept makes one.
    ///   `invitee` is sealed under the inviting guardian's owner key; `match_index` is
    ///   the blind index (identifier + last name) a matching account finds it by;
    ///   `code_hmac` is the HMAC of a SNILS invitation's acceptance code under the
    ///   `otp` key of `code_key_version` (never the code).
    /// - `trusted_approvals` holds one row per guardian whose approval activation waits
    ///   for (`require_all_guardians_approval`).
    static let trustedAccess = Migration(id: "0014-trusted-access", sql: """
        CREATE TABLE trusted_invitations (
            id TEXT PRIMARY KEY NOT NULL,
            student_id TEXT NOT NULL REFERENCES accounts (id),
            guardian_id TEXT NOT NULL REFERENCES accounts (id),
            school_id TEXT NOT NULL REFERENCES schools (id),
            services TEXT NOT NULL,
            identifier_kind TEXT NOT NULL CHECK (identifier_kind IN ('phone', 'snils')),
            invitee BLOB NOT NULL,
            match_index BLOB NOT NULL,
            code_hmac BLOB,
            code_key_version INTEGER CHECK (code_key_version > 0),
            requires_approval INTEGER NOT NULL CHECK (requires_approval IN (0, 1)),
            state TEXT NOT NULL CHECK (state IN ('invited', 'declined', 'accepted', 'revoked')),
            created_at INTEGER NOT NULL,
            lapses_at INTEGER NOT NULL,
            ends_by INTEGER,
            invitee_id TEXT REFERENCES accounts (id),
            accepted_at INTEGER,
            active_from INTEGER,
            expires_at INTEGER,
            ended_at INTEGER,
            ended_by TEXT REFERENCES accounts (id),
            CHECK ((code_hmac IS NULL) = (code_key_version IS NULL)),
            CHECK ((accepted_at IS NOT NULL) = (active_from IS NOT NULL AND expires_at IS NOT NULL)),
            CHECK ((state = 'accepted') <= (accepted_at IS NOT NULL AND invitee_id IS NOT NULL)),
            CHECK ((state IN ('declined', 'revoked')) = (ended_at IS NOT NULL))
        ) STRICT;
        CREATE INDEX trusted_invitations_by_match ON trusted_invitations (match_index);
        CREATE INDEX trusted_invitations_by_student ON trusted_invitations (student_id);
        CREATE INDEX trusted_invitations_by_invitee ON trusted_invitations (invitee_id) WHERE invitee_id IS NOT NULL;

        CREATE TABLE trusted_approvals (
            invitation_id TEXT NOT NULL REFERENCES trusted_invitations (id),
            guardian_id TEXT NOT NULL REFERENCES accounts (id),
            approved_at INTEGER,
            PRIMARY KEY (invitation_id, guardian_id)
        ) STRICT;
        """)
}
