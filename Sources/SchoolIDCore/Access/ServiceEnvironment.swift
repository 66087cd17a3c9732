import SchoolIDBase

/// What every Core service is built from: storage, hashing, time, randomness, and the
/// current policy and key snapshots. Built once by the composition root (the same way
/// for `serve`, the CLI and tests; only the clock, randomness and paths differ).
public struct ServiceEnvironment: Sendable {
    public let storage: any Storage
    public let hasher: any PasswordHashing
    public let clock: any WallClock
    public let random: any RandomSource
    private let currentPolicies: @Sendable () -> PolicySet
    private let currentDataKeys: @Sendable () -> any DataKeyProvider

    /// - Parameters:
    ///   - policies: returns the current policy snapshot (reloadable).
    ///   - dataKeys: returns the current data and index keys (reloadable).
    public init(storage: any Storage, hasher: any PasswordHashing, clock: any WallClock, random: any RandomSource,
                policies: @escaping @Sendable () -> PolicySet, dataKeys: @escaping @Sendable () -> any DataKeyProvider)
    {
        self.storage = storage
        self.hasher = hasher
        self.clock = clock
        self.random = random
        currentPolicies = policies
        currentDataKeys = dataKeys
    }

    /// The policy snapshot to use for one operation.
    public var policies: PolicySet { currentPolicies() }
    /// The key snapshot to use for one operation.
    public var dataKeys: any DataKeyProvider { currentDataKeys() }
    /// Per-owner keys over the current data keys.
    public var ownerKeys: OwnerKeys { OwnerKeys(keys: dataKeys, random: random) }
}
