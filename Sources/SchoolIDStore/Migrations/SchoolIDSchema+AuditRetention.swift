extension SchoolIDSchema {
    /// `0016-audit-retention`: audit events older than `audit_events_years` can be
    /// destroyed, and nothing else can (issue 8).
    ///
    /// `audit_purges` holds one row: the highest sequence the retention job has released
/// and the cutoff time of that purge.
    /// The delete trigger now refuses only events above it, so the log stays append-only
    /// for everything younger: a purge first raises the mark (in the same transaction)
    /// and then deletes, and a stray `DELETE` still aborts. Updates stay forbidden.
    static let auditRetention = Migration(id: "0016-audit-retention", sql: """
        CREATE TABLE audit_purges (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            through_sequence INTEGER NOT NULL CHECK (through_sequence >= 0),
            released_before INTEGER NOT NULL
        ) STRICT;
        INSERT INTO audit_purges (id, through_sequence, released_before) VALUES (1, 0, 0);
        CREATE TRIGGER audit_purges_only_forward BEFORE UPDATE ON audit_purges
        WHEN new.through_sequence < old.through_sequence
        BEGIN
            SELECT RAISE(ABORT, 'the audit purge mark only moves forward');
        END;
        CREATE TRIGGER audit_purges_forbid_delete BEFORE DELETE ON audit_purges
        BEGIN
            SELECT RAISE(ABORT, 'audit_purges keeps its row');
        END;
        DROP TRIGGER audit_events_forbid_delete;
        CREATE TRIGGER audit_events_forbid_delete BEFORE DELETE ON audit_events
        WHEN old.sequence > (SELECT through_sequence FROM audit_purges WHERE id = 1)
        BEGIN
            SELECT RAISE(ABORT, 'audit_events is append-only');
        END;
        """)
}
