import SchoolIDCore
import SchoolIDCrypto

/// A ``DataKeyProvider`` with fixed keys, for tests that seal fields without a keyring.
public struct StaticDataKeyProvider: DataKeyProvider {
    public let currentDataKeyVersion: Int
    private let dataKeys: [Int: SymmetricKey]
    public let indexKey: SymmetricKey
    /// Always 1: the provider holds one `otp` key.
    public let currentOTPKeyVersion = 1
    private let otp: SymmetricKey

    /// The fixed `otp` key tests use unless they pass their own (32 bytes 0x01…0x20).
    public static let testOTPKey = try! SymmetricKey(bytes: (1...32).map { UInt8($0) })

    /// - Parameters:
    ///   - dataKeys: the `data` keys by version.
    ///   - current: the version used for new wrappings (must be in `dataKeys`).
    ///   - indexKey: the blind-index key.
    ///   - otpKey: the one-time code key, version 1.
    public init(dataKeys: [Int: SymmetricKey], current: Int, indexKey: SymmetricKey,
                otpKey: SymmetricKey = StaticDataKeyProvider.testOTPKey) {
        precondition(dataKeys[current] != nil, "the current data key must exist")
        self.dataKeys = dataKeys
        self.currentDataKeyVersion = current
        self.indexKey = indexKey
        self.otp = otpKey
    }

    /// Fresh random keys: data key version 1 and an index key (and the fixed test `otp` key).
    public static func random() -> StaticDataKeyProvider {
        StaticDataKeyProvider(dataKeys: [1: .generate()], current: 1, indexKey: .generate())
    }

    public func dataKey(version: Int) -> SymmetricKey? { dataKeys[version] }

    public func otpKey(version: Int) -> SymmetricKey? { version == 1 ? otp : nil }
}
