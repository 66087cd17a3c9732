import SchoolIDBase
import SchoolIDCrypto

/// A keyed, deterministic digest of a normalised value, for equality lookups on sealed
/// columns (names, birth dates, phones, emails, SNILS, outbox messages).
///
/// HMAC-SHA-256 (RFC 2104) under the keyring's `index` key over
/// `schoolid:v1:<table>:<column>:` ‖ value. The prefix separates domains, so equal values
/// in two columns do not share an index. Callers normalise first (E.164 phone, NFKC and
/// case-folded name…): the index matches only byte-equal input.
public struct BlindIndex: Sendable, Hashable {
    /// The 32 HMAC bytes, as stored in a `BLOB` column.
    public let bytes: [UInt8]

    /// Computes the index of `normalizedValue` for `table`.`column`.
    public init(_ normalizedValue: String, table: String, column: String, key: SymmetricKey) {
        precondition(!table.contains(":") && !column.contains(":"), "table and column names are constants without ':'")
        let message = Array("schoolid:v1:\(table):\(column):".utf8) + Array(normalizedValue.utf8)
        bytes = HMAC.sha256(key: key.unsafeBytes, data: message)
    }

    /// Wraps stored bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The unpadded base64url form (for logs and text columns).
    public var base64URL: String { Base64URL.encode(bytes) }
}
