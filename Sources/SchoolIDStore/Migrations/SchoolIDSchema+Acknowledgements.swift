extension SchoolIDSchema {
    /// `0020-acknowledgements`: diary services' requests that a guardian acknowledge a
    /// document (issue 10).
    ///
    /// `digest` is the document's SHA-256 as 64 lowercase hex digits; `title` is sealed
    /// under the student's owner key (`acknowledgements.title` in the associated data).
    /// `UNIQUE (client_id, document_id, digest)` makes a repeated request find the
    /// stored one, and of two parallel first requests exactly one inserts. `signed_at`
    /// and `signed_by` are set together when a guardian signs (with the ledger).
    static let acknowledgements = Migration(id: "0020-acknowledgements", sql: """
        CREATE TABLE acknowledgements (
            id TEXT PRIMARY KEY NOT NULL,
            client_id TEXT NOT NULL REFERENCES oauth_clients (id),
            student_id TEXT NOT NULL REFERENCES accounts (id),
            document_id TEXT NOT NULL CHECK (length(document_id) BETWEEN 1 AND 128),
            digest TEXT NOT NULL CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
            title BLOB NOT NULL,
            deadline INTEGER,
            state TEXT NOT NULL CHECK (state IN ('pending', 'signed', 'withdrawn')),
            created_at INTEGER NOT NULL,
            signed_at INTEGER,
            signed_by TEXT REFERENCES accounts (id),
            UNIQUE (client_id, document_id, digest),
            CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
            CHECK ((state = 'pending') = (signed_at IS NULL))
        ) STRICT;
        CREATE INDEX acknowledgements_by_student ON acknowledgements (student_id, created_at);
        """)
}
