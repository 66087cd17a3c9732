import SchoolIDBase
import SchoolIDCrypto

/// One blind-indexed column family: where its rows are, what is sealed beside the index
/// and how to recompute the index from it.
///
/// Table and column names are code constants (they are interpolated into SQL by the
/// store). Rows are walked in `keyColumns` order, so a re-index can keep its place in a
/// persisted cursor (`key_rotations`).
public struct BlindIndexedColumn: Sendable {
    /// What ``recompute`` is given for one row.
    public struct Row: Sendable, Hashable {
        /// The values of ``BlindIndexedColumn/keyColumns``, in order (the row's identity).
        public var key: [String]
        /// The value of ``BlindIndexedColumn/ownerColumn`` (the owner whose key sealed the
        /// row), or `nil` when the entry has no owner column.
        public var owner: String?
        /// The values of ``BlindIndexedColumn/sealedColumns``, in order.
        public var sealed: [[UInt8]]
        /// The values of ``BlindIndexedColumn/indexColumns``, in order, as stored now.
        public var indexes: [[UInt8]]

        public init(key: [String], owner: String?, sealed: [[UInt8]], indexes: [[UInt8]]) {
            self.key = key
            self.owner = owner
            self.sealed = sealed
            self.indexes = indexes
        }
    }

    /// The keys a recomputation may use.
    public struct Keys: Sendable {
        /// The row owner's key (unwrapped by the caller), or `nil` without an owner column.
        public var ownerKey: SealingKey?
        /// The keyring's `data` keys (for entries sealed under the keyring itself).
        public var dataKeys: any DataKeyProvider
        /// The `index` key the new indexes are computed under (the active one).
        public var indexKey: SymmetricKey
    }

    /// A stable name, stored in the re-index cursor (`table.column`).
    public let name: String
    /// The SQL table.
    public let table: String
    /// The row's key columns (its primary key), all `TEXT`.
    public let keyColumns: [String]
    /// The `TEXT` column naming the owner whose per-owner key sealed the row, if any.
    public let ownerColumn: String?
    /// The sealed `BLOB` columns the index is recomputed from.
    public let sealedColumns: [String]
    /// The blind-index `BLOB` columns, in the order ``recompute`` returns them.
    public let indexColumns: [String]
    /// Opens the sealed values and returns the new indexes (one per index column) under
    /// `keys.indexKey`.
    public let recompute: @Sendable (_ row: Row, _ keys: Keys) throws -> [[UInt8]]

    /// Describes an entry; names must be SQL identifiers (letters, digits, `_`).
    public init(table: String, keyColumns: [String], ownerColumn: String?, sealedColumns: [String],
                indexColumns: [String], recompute: @escaping @Sendable (_ row: Row, _ keys: Keys) throws -> [[UInt8]])
    {
        let names = [table] + keyColumns + sealedColumns + indexColumns + (ownerColumn.map { [$0] } ?? [])
        precondition(names.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } },
                     "registry names are SQL identifiers")
        precondition(!keyColumns.isEmpty && !indexColumns.isEmpty, "an entry has key and index columns")
        self.name = "\(table).\(indexColumns.joined(separator: ","))"
        self.table = table
        self.keyColumns = keyColumns
        self.ownerColumn = ownerColumn
        self.sealedColumns = sealedColumns
        self.indexColumns = indexColumns
        self.recompute = recompute
    }
}

/// Every blind index that lookups depend on and that can be recomputed from a sealed
/// value: the ONE list `schoolid keys reindex` walks after an `index` key rotation.
///
/// Add a table by appending one entry (see ``contacts`` for the shape). Indexes over
/// values that are not stored sealed (challenge destinations, send logs, throttling
/// counters) cannot be recomputed; they are short-lived and simply restart their
/// windows under the new key.
public enum BlindIndexRegistry {
    /// All entries, walked in this order.
    public static let all: [BlindIndexedColumn] = [contacts, contactChanges, registrations, snils, trustedInvitations]

    /// `contacts.value_index`: who owns a verified phone or email (login reminder,
    /// recovery, registration's duplicate check). The shape every entry follows.
    public static let contacts = BlindIndexedColumn(
        table: "contacts", keyColumns: ["account_id", "kind"], ownerColumn: "account_id",
        sealedColumns: ["value"], indexColumns: ["value_index"]
    ) { row, keys in
        guard let ownerKey = keys.ownerKey else { throw SealingError.ownerKeyMissing }
        let contact = AccountContact(accountID: try Account.ID(parsing: row.key[0]), kind: try kind(row.key[1]),
                                     value: row.sealed[0], valueIndex: row.indexes[0], verifiedAt: nil,
                                     createdAt: UnixTime(seconds: 0), updatedAt: UnixTime(seconds: 0))
        return [try contact.destination(ownerKey: ownerKey).contactIndex(key: keys.indexKey).bytes]
    }

    /// `contact_changes.value_index`: a pending phone/email change.
    public static let contactChanges = BlindIndexedColumn(
        table: "contact_changes", keyColumns: ["challenge_id", "kind"], ownerColumn: "account_id",
        sealedColumns: ["value"], indexColumns: ["value_index"]
    ) { row, keys in
        guard let ownerKey = keys.ownerKey, let owner = row.owner else { throw SealingError.ownerKeyMissing }
        let change = ContactChange(challengeID: try Challenge.ID(parsing: row.key[0]), accountID: try Account.ID(parsing: owner),
                                   kind: try kind(row.key[1]), value: row.sealed[0], valueIndex: row.indexes[0],
                                   decoy: false, createdAt: UnixTime(seconds: 0), expiresAt: UnixTime(seconds: 0))
        return [try change.destination(ownerKey: ownerKey).contactIndex(key: keys.indexKey).bytes]
    }

    /// `registrations.phone_index`: a self-registration's phone (sealed under the
    /// keyring's `data` key: no owner column).
    public static let registrations = BlindIndexedColumn(
        table: "registrations", keyColumns: ["id"], ownerColumn: nil,
        sealedColumns: ["details"], indexColumns: ["phone_index"]
    ) { row, keys in
        let details = try RegistrationDetails(sealed: row.sealed[0], for: try PendingRegistration.ID(parsing: row.key[0]),
                                              keys: keys.dataKeys)
        return [OTPDestination.phone(try PhoneNumber(parsing: details.phone)).contactIndex(key: keys.indexKey).bytes]
    }

    /// `snils.value_index`: whose SNILS a number is (guardian proposals, invitations).
    public static let snils = BlindIndexedColumn(
        table: "snils", keyColumns: ["account_id"], ownerColumn: "account_id", sealedColumns: ["value"],
        indexColumns: ["value_index"]
    ) { row, keys in
        guard let ownerKey = keys.ownerKey else { throw SealingError.ownerKeyMissing }
        let record = AccountSNILS(accountID: try Account.ID(parsing: row.key[0]), value: row.sealed[0],
                                  valueIndex: row.indexes[0], status: .declared, createdAt: UnixTime(seconds: 0),
                                  updatedAt: UnixTime(seconds: 0))
        return [try record.snils(ownerKey: ownerKey).blindIndex(key: keys.indexKey).bytes]
    }

    /// `trusted_invitations.match_index`: who an invitation is for (last name plus
    /// phone or SNILS, sealed under the inviting guardian's key).
    public static let trustedInvitations = BlindIndexedColumn(
        table: "trusted_invitations", keyColumns: ["id"], ownerColumn: "guardian_id", sealedColumns: ["invitee"],
        indexColumns: ["match_index"]
    ) { row, keys in
        guard let ownerKey = keys.ownerKey else { throw SealingError.ownerKeyMissing }
        let invitee = try TrustedInvitee(sealed: row.sealed[0], for: try TrustedInvitation.ID(parsing: row.key[0]),
                                         under: ownerKey)
        return [invitee.matchIndex(key: keys.indexKey).bytes]
    }

    private static func kind(_ text: String) throws -> AccountContact.Kind {
        guard let kind = AccountContact.Kind(rawValue: text) else { throw SealingError.malformed }
        return kind
    }
}
