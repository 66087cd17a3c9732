import SchoolIDCore

/// A unit of work's view of the writer connection: the SQLite implementations of every
/// store, all sharing the unit's savepoint inside the group's `BEGIN IMMEDIATE`.
///
/// Valid only inside the unit that received it. Store implementations, the CLI and
/// tests may use ``connection`` for SQL; the domain sees only ``WriteTransaction``.
public final class SQLiteWriteTransaction: WriteTransaction {
    /// The writer connection, inside the unit's savepoint.
    public let connection: SQLiteConnection

    init(connection: SQLiteConnection) { self.connection = connection }

    public var ownerKeys: any OwnerKeyStore { SQLiteOwnerKeyStore(connection: connection) }
}

/// A read's view of one reader connection, inside a deferred read transaction.
public final class SQLiteReadTransaction: ReadTransaction {
    /// The reader connection (opened read-only).
    public let connection: SQLiteConnection

    init(connection: SQLiteConnection) { self.connection = connection }

    public var ownerKeys: any OwnerKeyReader { SQLiteOwnerKeyStore(connection: connection) }
}
