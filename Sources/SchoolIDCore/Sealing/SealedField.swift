import SchoolIDCrypto

/// A personal-data value sealed at rest with AES-256-GCM (NIST SP 800-38D).
///
/// The associated data is exactly `schoolid:v1:<table>:<column>:<row id>:<key version>`,
/// so a ciphertext copied to another column, another row or another key version fails
/// to open. Table and column names are code constants without `:`; the key version is
/// the last field and numeric, so the encoding is unambiguous whatever the row id holds.
///
/// Stored form (``serialized``): `0x01 ‖ key version (u32, big-endian) ‖ nonce (12) ‖
/// ciphertext ‖ tag (16)`.
public struct SealedField: Sendable, Hashable {
    /// Where a field lives; bound into its associated data.
    public struct Context: Sendable, Hashable {
        public let table: String
        public let column: String
        public let rowID: String

        /// Names the field's place. `table` and `column` must be non-empty and free of `:`.
        public init(table: String, column: String, rowID: String) {
            precondition(!table.isEmpty && !table.contains(":"), "table names are constants without ':'")
            precondition(!column.isEmpty && !column.contains(":"), "column names are constants without ':'")
            self.table = table
            self.column = column
            self.rowID = rowID
        }

        /// `schoolid:v1:<table>:<column>:<row id>:<key version>` as UTF-8.
        public func associatedData(keyVersion: Int) -> [UInt8] {
            Array("schoolid:v1:\(table):\(column):\(rowID):\(keyVersion)".utf8)
        }
    }

    private static let formatTag: UInt8 = 0x01

    /// The version of the key that sealed the field.
    public let keyVersion: Int
    /// Nonce, ciphertext and tag.
    public let box: AESGCMSealedBox

    /// Encrypts `plaintext` for `context` under `key` (a fresh random nonce each time).
    /// - Throws: ``SealingError`` when OpenSSL fails (never for valid input).
    public static func seal(_ plaintext: [UInt8], under key: SealingKey, for context: Context) throws -> SealedField {
        let box = try AES256GCM.seal(plaintext, using: key.key, authenticating: context.associatedData(keyVersion: key.version))
        return SealedField(keyVersion: key.version, box: box)
    }

    /// Encrypts a string's UTF-8 bytes.
    /// - Throws: as ``seal(_:under:for:)-swift.type.method``.
    public static func seal(_ text: String, under key: SealingKey, for context: Context) throws -> SealedField {
        try seal(Array(text.utf8), under: key, for: context)
    }

    /// Decrypts the field, which must be in `context` and sealed under `key`'s version.
    /// - Throws: ``SealingError/keyVersionMismatch(sealed:offered:)``,
    ///   ``SealingError/authenticationFailed``.
    /// - Returns: the plaintext.
    public func open(with key: SealingKey, for context: Context) throws -> [UInt8] {
        guard key.version == keyVersion else {
            throw SealingError.keyVersionMismatch(sealed: keyVersion, offered: key.version)
        }
        do {
            return try AES256GCM.open(box, using: key.key, authenticating: context.associatedData(keyVersion: keyVersion))
        } catch {
            throw SealingError.authenticationFailed
        }
    }

    /// Decrypts a field sealed from a string.
    /// - Throws: as ``open(with:for:)``, and ``SealingError/malformed`` for invalid UTF-8.
    public func openString(with key: SealingKey, for context: Context) throws -> String {
        guard let text = String(validating: try open(with: key, for: context), as: UTF8.self) else {
            throw SealingError.malformed
        }
        return text
    }

    /// The bytes stored in a `BLOB` column.
    public var serialized: [UInt8] {
        let version = UInt32(keyVersion)
        return [Self.formatTag, UInt8(version >> 24), UInt8((version >> 16) & 0xFF), UInt8((version >> 8) & 0xFF), UInt8(version & 0xFF)]
            + box.combined
    }

    /// Parses stored bytes.
    /// - Throws: ``SealingError/malformed`` for an unknown format or a short value.
    public init(serialized bytes: [UInt8]) throws {
        guard bytes.count >= 5 + AESGCMSealedBox.nonceByteCount + AESGCMSealedBox.tagByteCount,
              bytes[0] == Self.formatTag else { throw SealingError.malformed }
        let version = bytes[1...4].reduce(0) { $0 << 8 | Int($1) }
        guard version > 0, let box = try? AESGCMSealedBox(combined: Array(bytes[5...])) else {
            throw SealingError.malformed
        }
        self.init(keyVersion: version, box: box)
    }

    private init(keyVersion: Int, box: AESGCMSealedBox) {
        self.keyVersion = keyVersion
        self.box = box
    }
}
