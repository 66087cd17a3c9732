import SchoolIDBase
import SchoolIDCore
import Testing

/// The conformance suite every ``Storage`` backend must pass (dex's storage
/// conformance tests): a table of named cases, each run against a fresh, empty storage.
///
/// Run it with `@Test(arguments: StoreConformance.cases)` and a fresh storage per
/// argument, or with ``run(make:release:)``. Cases record failures with `#expect` and
/// throw only for unexpected errors. Times are fixed instants passed to the stores; no
/// case reads the wall clock or sleeps.
public enum StoreConformance {
    /// One named conformance case.
    public struct Case: Sendable, CustomStringConvertible, CustomTestStringConvertible {
        /// What the case checks, as a behaviour sentence.
        public let name: String
        /// The check, given a fresh, empty storage.
        public let body: @Sendable (any Storage) async throws -> Void

        /// Creates a case.
        public init(_ name: String, _ body: @escaping @Sendable (any Storage) async throws -> Void) {
            self.name = name
            self.body = body
        }

        /// Runs the case against `storage`, which must be fresh and empty.
        /// - Throws: an unexpected error from the storage.
        public func run(on storage: any Storage) async throws { try await body(storage) }

        public var description: String { name }
        public var testDescription: String { name }
    }

    /// Every case, grouped by store.
    public static var cases: [Case] {
        schoolCases + classCases + accountCases + membershipCases + credentialCases + sessionCases + auditCases
            + batchCases + challengeCases + outboxCases + contactCases + registrationCases + recoveryCases
            + contactChangeCases + secondFactorCases + snilsCases + guardianLinkCases + trustedInvitationCases
            + exportCases + deletionCases + consentCases + clientCases + oauthGrantCases + tokenRevocationCases
            + acknowledgementCases + ledgerCases + unitCases
    }

    /// Runs every case, each on a storage of its own.
    /// - Parameters:
    ///   - make: opens a fresh, empty storage.
    ///   - release: closes and removes a storage after its case.
    /// - Throws: the first unexpected error.
    public static func run(make: () async throws -> any Storage,
                           release: (any Storage) async -> Void = { _ in }) async throws {
        for testCase in cases {
            let storage = try await make()
            do {
                try await testCase.run(on: storage)
            } catch {
                await release(storage)
                throw error
            }
            await release(storage)
        }
    }

    /// The error a case throws inside a unit to roll it back.
    struct RolledBack: Error, Equatable {}

    /// Runs `unit` in its own write `attempts` times concurrently.
    /// - Returns: every result, in completion order.
    static func race<T: Sendable>(_ storage: any Storage, attempts: Int = 20,
                                  _ unit: @escaping @Sendable (any WriteTransaction) throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: T.self) { group in
            for _ in 0..<attempts {
                group.addTask { try await storage.write(unit) }
            }
            var results: [T] = []
            for try await result in group { results.append(result) }
            return results
        }
    }

    /// The ``StoreError`` `body` throws, or `nil` when it succeeds (for checks inside a
    /// unit, which must not record test issues off the test's task).
    static func storeError(_ body: () throws -> Void) -> StoreError? {
        do {
            try body()
            return nil
        } catch {
            return error as? StoreError
        }
    }
}

/// `value` after `change`: builds a variant of a sample as a constant, so that
/// `@Sendable` units can capture it.
func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
    var value = value
    change(&value)
    return value
}
