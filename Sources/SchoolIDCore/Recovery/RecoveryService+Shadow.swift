import SchoolIDBase
import SchoolIDCrypto

extension RecoveryService {
    /// The reads and decryptions a known account costs, done for nobody: an unknown
    /// login, phone or email must not answer faster than a known one (response time is
    /// an enumeration oracle; the timing test compares the two distributions).
    ///
    /// A known account's codes need its contacts read, its owner key read and unwrapped
    /// (AES-256-GCM) and each contact opened (AES-256-GCM) and parsed. Here: the same reads for an
    /// id that matches no row, and two seal-and-open round trips of the same sizes
    /// under the current data key and a parse, whose results are thrown away.
    /// - Parameters:
    ///   - shadowID: a random account id (matches nothing).
    ///   - text: a stand-in of a contact's size (the typed destination).
    /// - Throws: a store or sealing error (as the real path would).
    static func shadowWork(shadowID: Account.ID, text: String, keys: any DataKeyProvider,
                           random: any RandomSource, in tx: any WriteTransaction) throws {
        _ = try tx.ownerKeys.wrappedKey(for: shadowID.rawValue)
        let version = keys.currentDataKeyVersion
        guard let dataKey = keys.dataKey(version: version) else { throw SealingError.unknownDataKeyVersion(version) }
        let key = SealingKey(key: dataKey, version: version)
        let context = SealedField.Context(table: "recovery_flows", column: "shadow", rowID: shadowID.rawValue)
        let wrapped = try SealedField.seal(random.bytes(count: SymmetricKey.byteCount), under: key, for: context)
        _ = try wrapped.open(with: key, for: context)
        let opened = try SealedField.seal(text, under: key, for: context).openString(with: key, for: context)
        // A contact is parsed back after opening (NFKC and all).
        _ = opened.contains("@") ? (try? Email(parsing: opened)).map(OTPDestination.email)
            : (try? PhoneNumber(parsing: opened)).map(OTPDestination.phone)
    }
}
