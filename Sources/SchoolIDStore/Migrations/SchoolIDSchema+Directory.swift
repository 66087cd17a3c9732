extension SchoolIDSchema {
    /// `0002-directory`: schools, classes, accounts, memberships, enrolments, passwords,
    /// throttling counters, sessions, the audit log and credential batches (issue 4).
    ///
    /// Conventions: times are INTEGER Unix seconds, identifiers and enums TEXT, hashes and
    /// sealed data BLOB. Enum columns carry no `CHECK` on purpose: adding an enum case
    /// (an audit action, a session purpose) must not need a table rebuild; the store's
    /// records reject values they do not know instead.
    ///
    /// - `used_logins` remembers every login ever given out (logins are never reused,
    ///   even after an account is deleted); `accounts.login` references it.
    /// - `enrolments` and `credential_batches` reference `(class_id, school_id)` together,
    ///   so a row can never name a class of another school.
    /// - `audit_events` is append-only in the database too: the triggers
    ///   `audit_events_forbid_update` and `audit_events_forbid_delete` abort any
    ///   `UPDATE`/`DELETE`. A later data-lifecycle migration that purges old events must
    ///   drop or replace `audit_events_forbid_delete` (e.g. with a `WHEN` clause on `at`);
    ///   `AUTOINCREMENT` keeps purged sequence numbers from ever being handed out again.
    static let directory = Migration(id: "0002-directory", sql: """
        CREATE TABLE schools (
            id TEXT PRIMARY KEY NOT NULL,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            region TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE classes (
            id TEXT PRIMARY KEY NOT NULL,
            school_id TEXT NOT NULL REFERENCES schools (id),
            school_year_start INTEGER NOT NULL,
            grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
            letter TEXT NOT NULL CHECK (length(letter) = 1),
            next_sequence INTEGER NOT NULL DEFAULT 1 CHECK (next_sequence >= 1),
            created_at INTEGER NOT NULL,
            UNIQUE (school_id, school_year_start, grade, letter),
            UNIQUE (id, school_id)
        ) STRICT;

        CREATE TABLE used_logins (
            login TEXT PRIMARY KEY NOT NULL,
            used_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE accounts (
            id TEXT PRIMARY KEY NOT NULL,
            category TEXT NOT NULL,
            login TEXT UNIQUE REFERENCES used_logins (login),
            status TEXT NOT NULL,
            profile BLOB NOT NULL,
            consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
            locked_at INTEGER,
            has_second_factor INTEGER NOT NULL DEFAULT 0 CHECK (has_second_factor IN (0, 1)),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE class_teachers (
            class_id TEXT NOT NULL REFERENCES classes (id),
            account_id TEXT NOT NULL REFERENCES accounts (id),
            PRIMARY KEY (class_id, account_id)
        ) STRICT;
        CREATE INDEX class_teachers_by_account ON class_teachers (account_id);

        CREATE TABLE staff_memberships (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            role TEXT NOT NULL,
            school_id TEXT REFERENCES schools (id),
            created_at INTEGER NOT NULL,
            ended_at INTEGER,
            CHECK ((role = 'platform_admin') = (school_id IS NULL))
        ) STRICT;
        CREATE UNIQUE INDEX staff_memberships_active
            ON staff_memberships (account_id, role, IFNULL(school_id, '')) WHERE ended_at IS NULL;
        CREATE INDEX staff_memberships_by_school ON staff_memberships (school_id) WHERE ended_at IS NULL;

        CREATE TABLE enrolments (
            id TEXT PRIMARY KEY NOT NULL,
            student_id TEXT NOT NULL REFERENCES accounts (id),
            class_id TEXT NOT NULL,
            school_id TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            FOREIGN KEY (class_id, school_id) REFERENCES classes (id, school_id)
        ) STRICT;
        CREATE UNIQUE INDEX enrolments_active_per_school ON enrolments (student_id, school_id) WHERE ended_at IS NULL;
        CREATE INDEX enrolments_by_student ON enrolments (student_id, started_at);
        CREATE INDEX enrolments_by_class ON enrolments (class_id) WHERE ended_at IS NULL;

        CREATE TABLE password_credentials (
            account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id),
            hash TEXT NOT NULL,
            kind TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            expires_at INTEGER,
            single_use INTEGER NOT NULL CHECK (single_use IN (0, 1)),
            used_at INTEGER
        ) STRICT;

        CREATE TABLE failure_counters (
            key BLOB PRIMARY KEY NOT NULL,
            failures INTEGER NOT NULL CHECK (failures > 0),
            last_failure_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX failure_counters_by_last_failure ON failure_counters (last_failure_at);

        CREATE TABLE sessions (
            token_hash BLOB PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            purpose TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            idle_expires_at INTEGER NOT NULL,
            absolute_expires_at INTEGER NOT NULL,
            revoked_at INTEGER,
            authenticated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX sessions_by_account ON sessions (account_id);
        CREATE INDEX sessions_by_idle_expiry ON sessions (idle_expires_at);
        CREATE INDEX sessions_by_absolute_expiry ON sessions (absolute_expires_at);
        CREATE INDEX sessions_by_revocation ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

        CREATE TABLE audit_events (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            action TEXT NOT NULL,
            actor_id TEXT,
            target_id TEXT,
            school_id TEXT,
            client_address TEXT NOT NULL,
            request_id TEXT NOT NULL,
            detail TEXT NOT NULL
        ) STRICT;
        CREATE INDEX audit_events_by_target ON audit_events (target_id, sequence);
        CREATE INDEX audit_events_by_actor ON audit_events (actor_id, sequence);
        CREATE INDEX audit_events_by_school ON audit_events (school_id, sequence);
        CREATE INDEX audit_events_by_time ON audit_events (at);
        CREATE TRIGGER audit_events_forbid_update BEFORE UPDATE ON audit_events
        BEGIN
            SELECT RAISE(ABORT, 'audit_events is append-only');
        END;
        CREATE TRIGGER audit_events_forbid_delete BEFORE DELETE ON audit_events
        BEGIN
            SELECT RAISE(ABORT, 'audit_events is append-only');
        END;

        CREATE TABLE credential_batches (
            id TEXT PRIMARY KEY NOT NULL,
            school_id TEXT NOT NULL,
            class_id TEXT NOT NULL,
            requested_by TEXT NOT NULL REFERENCES accounts (id),
            status TEXT NOT NULL,
            total INTEGER NOT NULL CHECK (total >= 0),
            completed INTEGER NOT NULL CHECK (completed >= 0),
            failure_code TEXT,
            sealed_roster BLOB,
            sealed_result BLOB,
            created_at INTEGER NOT NULL,
            finished_at INTEGER,
            purge_at INTEGER,
            slips_downloaded_at INTEGER,
            csv_downloaded_at INTEGER,
            FOREIGN KEY (class_id, school_id) REFERENCES classes (id, school_id)
        ) STRICT;
        CREATE INDEX credential_batches_unfinished ON credential_batches (created_at)
            WHERE status IN ('queued', 'running');
        CREATE INDEX credential_batches_by_purge_time ON credential_batches (purge_at)
            WHERE sealed_roster IS NOT NULL OR sealed_result IS NOT NULL;
        """)
}
