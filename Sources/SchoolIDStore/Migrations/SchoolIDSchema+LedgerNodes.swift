extension SchoolIDSchema {
    /// `0023-ledger-nodes`: the ledger's complete subtree hashes (RFC 9162 §2.1.1), so a
    /// proof or a checkpoint's root reads O(log² n) rows instead of every leaf.
    ///
    /// Row (`level`, `position`) is `MTH` of leaves `position·2^level ..< (position+1)·2^level`
    /// (`level >= 1`; leaves are `ledger_entries`). A node is written in the unit that
    /// appends its last leaf and never changes. A ledger appended before this migration
    /// has no nodes: readers recompute a missing node from its children. Like the other
    /// ledger tables, no foreign keys. `schoolid ledger verify` recomputes every root
    /// from the entries, so a forged node shows as a checkpoint whose root differs, and
    /// a proof built from one fails at the verifier.
    static let ledgerNodes = Migration(id: "0023-ledger-nodes", sql: """
        CREATE TABLE ledger_nodes (
            level INTEGER NOT NULL CHECK (level >= 1),
            position INTEGER NOT NULL CHECK (position >= 0),
            hash BLOB NOT NULL CHECK (length(hash) = 32),
            PRIMARY KEY (level, position)
        ) STRICT, WITHOUT ROWID;
        """)
}
