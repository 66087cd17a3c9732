extension SchoolIDSchema {
    /// `0013-index-versions`: where a key rotation's re-wrap or re-index stands (issue 7).
    ///
    /// One row per purpose (`data`: owner keys re-wrapped under `target_version`;
    /// `index`: blind indexes recomputed under the `index` key `target_version`).
    /// `entry` names the registry entry being walked and `position` (a JSON array of
    /// its key columns) the last row done, saved in the batch's own transaction so a
    /// killed run resumes after the last committed batch. `changed_in_pass` counts rows
    /// changed since the pass began: a pass that changes nothing ends the run.
    static let keyRotations = Migration(id: "0013-index-versions", sql: """
        CREATE TABLE key_rotations (
            purpose TEXT PRIMARY KEY NOT NULL CHECK (purpose IN ('data', 'index')),
            target_version INTEGER NOT NULL CHECK (target_version > 0),
            entry TEXT NOT NULL,
            position TEXT,
            changed_in_pass INTEGER NOT NULL CHECK (changed_in_pass >= 0),
            finished_at INTEGER,
            updated_at INTEGER NOT NULL
        ) STRICT;
        """)
}
