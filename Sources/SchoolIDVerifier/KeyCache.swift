import Foundation
import SchoolIDBase
import SchoolIDJOSE
import Synchronization

/// The issuer's keys as last fetched, with the rules for fetching them again.
///
/// - The JWKS URL comes from the configuration or, once, from discovery (OIDC Discovery
///   §4), whose `issuer` must equal the configured issuer exactly (§4.3).
/// - A JWKS stays fresh for its `Cache-Control: max-age` (default and maximum from the
///   configuration); a stale set is fetched again before the next verification. When that
///   fetch fails, the stale set is used and the next fetch waits for the refetch interval.
/// - A token whose `kid` is unknown triggers one refetch, at most once per
///   ``VerifierConfiguration/unknownKeyRefetchInterval`` seconds.
/// - Concurrent callers share one fetch in flight.
///
/// Times are the injected wall clock's, so tests move them by hand. `Keys` is what the
/// fetched document parses into: a ``KeySet`` for the token JWKS, the ack keys with their
/// periods for ``ReceiptVerifier``.
final class KeyCache<Keys: Sendable>: Sendable {
    private struct State {
        var keys: Keys?
        var freshUntil = UnixTime(seconds: .min)
        var lastForcedRefetch: UnixTime?
        var jwksURI: URL?
        var inFlight: Task<Keys, any Error>?
    }

    private let configuration: VerifierConfiguration
    private let state: Mutex<State>
    private let parse: @Sendable ([UInt8]) throws -> Keys

    /// - Parameters:
    ///   - configuration: the fetcher, clock, lifetimes and the keys URL (or discovery).
    ///   - parse: reads a fetched document; throws a ``VerificationError``.
    init(configuration: VerifierConfiguration, parse: @escaping @Sendable ([UInt8]) throws -> Keys) {
        self.configuration = configuration
        self.parse = parse
        state = Mutex(State(jwksURI: configuration.jwksURI))
    }

    /// The current keys, fetched first when none are cached or the cached ones are stale.
    /// - Throws: ``VerificationError`` `.discoveryFailed`, `.jwksUnavailable`, `.insecureURL`.
    func keys(at now: UnixTime) async throws -> Keys {
        let cached: Keys? = state.withLock { state in
            guard let keys = state.keys, now < state.freshUntil else { return nil }
            return keys
        }
        if let cached { return cached }
        do {
            return try await refresh()
        } catch {
            // Offline verification outlives a short issuer outage: stale keys keep working,
            // and the next attempt waits for the refetch interval instead of hammering.
            let stale: Keys? = state.withLock { state in
                guard let keys = state.keys else { return nil }
                state.freshUntil = now.adding(seconds: configuration.unknownKeyRefetchInterval)
                return keys
            }
            guard let stale else { throw error }
            return stale
        }
    }

    /// Fetches the keys again for an unknown `kid`, unless the last such refetch was less
    /// than the configured interval ago.
    /// - Returns: the new keys, or `nil` when the rate limit refused the refetch.
    func keysAfterUnknownKey(at now: UnixTime) async throws -> Keys? {
        let allowed = state.withLock { state in
            if let last = state.lastForcedRefetch, now.seconds(since: last) < configuration.unknownKeyRefetchInterval {
                return false
            }
            state.lastForcedRefetch = now
            return true
        }
        guard allowed else { return nil }
        return try await refresh()
    }

    private func refresh() async throws -> Keys {
        let task: Task<Keys, any Error> = state.withLock { state in
            if let running = state.inFlight { return running }
            let task = Task { try await self.fetchKeys() }
            state.inFlight = task
            return task
        }
        return try await task.value
    }

    /// Runs inside the shared task: resolves the JWKS URL, fetches and installs the set.
    private func fetchKeys() async throws -> Keys {
        defer { state.withLock { $0.inFlight = nil } }
        let jwksURI = try await resolveJWKSURI()
        let document: FetchedDocument
        do {
            document = try await configuration.fetcher.fetch(jwksURI)
        } catch let error as VerificationError where error.code == .insecureURL {
            throw error
        } catch {
            throw VerificationError(.jwksUnavailable, detail: "fetching the JWKS failed (\(KeyDocuments.safeReason(error)))")
        }
        let keys = try parse(document.body)
        let lifetime = min(max(document.maxAge ?? configuration.defaultCacheLifetime, 0), configuration.maximumCacheLifetime)
        let fetchedAt = configuration.clock.now()
        state.withLock { state in
            state.keys = keys
            state.freshUntil = fetchedAt.adding(seconds: lifetime)
        }
        return keys
    }

    private func resolveJWKSURI() async throws -> URL {
        if let known = state.withLock({ $0.jwksURI }) { return known }
        guard let discoveryURL = configuration.discoveryURL else {
            throw VerificationError(.discoveryFailed, detail: "the issuer is not a URL")
        }
        let document: FetchedDocument
        do {
            document = try await configuration.fetcher.fetch(discoveryURL)
        } catch let error as VerificationError where error.code == .insecureURL {
            throw error
        } catch {
            throw VerificationError(.discoveryFailed, detail: "fetching the discovery document failed (\(KeyDocuments.safeReason(error)))")
        }
        let jwksURI = try KeyDocuments.jwksURI(fromDiscovery: document.body, issuer: configuration.issuer)
        state.withLock { $0.jwksURI = jwksURI }
        return jwksURI
    }
}

extension KeyCache where Keys == KeySet {
    /// A cache of the issuer's token JWKS.
    convenience init(configuration: VerifierConfiguration) {
        self.init(configuration: configuration, parse: KeyDocuments.keySet(from:))
    }
}

/// Parsing the documents verifiers fetch: discovery and the token JWKS.
enum KeyDocuments {
    /// OIDC Discovery §4.3: the document's `issuer` must be identical to the issuer the
    /// discovery URL was built from, or the document is rejected.
    static func jwksURI(fromDiscovery body: [UInt8], issuer: String) throws -> URL {
        guard case .object(let members)? = try? JSONValue(parsing: body) else {
            throw VerificationError(.discoveryFailed, detail: "the discovery document is not a JSON object")
        }
        guard members["issuer"]?.stringValue == issuer else {
            throw VerificationError(.discoveryFailed, detail: "the discovery document names another issuer")
        }
        guard let text = members["jwks_uri"]?.stringValue, let url = URL(string: text) else {
            throw VerificationError(.discoveryFailed, detail: "the discovery document has no usable jwks_uri")
        }
        return url
    }

    /// Imports a JWKS document (RFC 7517 §5). `alg: "Ed25519"` on an OKP Ed25519 key is
    /// read as `EdDSA` (RFC 9864 names the fully-specified algorithm `Ed25519`).
    static func keySet(from body: [UInt8]) throws -> KeySet {
        let jwks: JWKS
        do {
            jwks = try JSONDecoder().decode(JWKS.self, from: Data(body))
        } catch {
            throw VerificationError(.jwksUnavailable, detail: "the JWKS is not a valid key set")
        }
        let keys = jwks.keys.map { key in
            guard key.keyType == "OKP", key.curve == "Ed25519", key.algorithm == "Ed25519" else { return key }
            var aliased = key
            aliased.algorithm = JWSAlgorithm.EdDSA.rawValue
            return aliased
        }
        do {
            return try KeySet(jwks: JWKS(keys: keys))
        } catch {
            throw VerificationError(.jwksUnavailable, detail: "the JWKS holds an unusable key (\(error))")
        }
    }

    static func safeReason(_ error: any Error) -> String {
        (error as? VerificationError)?.detail ?? String(describing: type(of: error))
    }
}
