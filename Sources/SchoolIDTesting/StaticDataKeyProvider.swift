import SchoolIDCore
import SchoolIDCrypto

/// A ``DataKeyProvider`` with fixed keys, for tests that seal fields without a keyring.
public struct StaticDataKeyProvider: DataKeyProvider {
    public let currentDataKeyVersion: Int
    private let dataKeys: [Int: SymmetricKey]
    public let indexKey: SymmetricKey

    /// - Parameters:
    ///   - dataKeys: the `data` keys by version.
    ///   - current: the version used for new wrappings (must be in `dataKeys`).
    ///   - indexKey: the blind-index key.
    public init(dataKeys: [Int: SymmetricKey], current: Int, indexKey: SymmetricKey) {
        precondition(dataKeys[current] != nil, "the current data key must exist")
        self.dataKeys = dataKeys
        self.currentDataKeyVersion = current
        self.indexKey = indexKey
    }

    /// Fresh random keys: data key version 1 and an index key.
    public static func random() -> StaticDataKeyProvider {
        StaticDataKeyProvider(dataKeys: [1: .generate()], current: 1, indexKey: .generate())
    }

    public func dataKey(version: Int) -> SymmetricKey? { dataKeys[version] }
}
