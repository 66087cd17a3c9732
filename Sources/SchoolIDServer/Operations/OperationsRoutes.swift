import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDHTTP
import SchoolIDJOSE
import SchoolIDStore
import Synchronization

/// `/healthz`, `/readyz`, `/metrics` and the token JWKS.
struct OperationsRoutes: Sendable {
    let storage: SQLiteStorage
    let keyring: Keyring
    let policies: PolicySet
    let clock: any WallClock
    let metrics: Metrics
    let gauges: @Sendable () -> [(name: String, help: String, value: Double)]
    let metricsToken: Secret<String>?
    /// The last JWKS body, reused while the key records and the second are the same
    /// (retired keys drop out by time, so it is never reused across seconds).
    let jwksCache = JWKSCache()

    func register(in router: inout Router) {
        let alive = Response.json(["status": "ok"])  // encoded once: probes hit this constantly
        router.add(.GET, Routes.health) { _ in alive }
        router.add(.GET, Routes.ready) { _ in try await ready() }
        router.add(.GET, Routes.metrics) { request in try metricsText(request) }
        router.add(.GET, Routes.jwks) { _ in jwks() }
    }

    /// Ready when the database answers a read and every token signing set has an active key.
    private func ready() async throws -> Response {
        do {
            _ = try await storage.readSQLite { try $0.connection.queryFirst("SELECT count(*) FROM schema_migrations") }
        } catch {
            throw APIError(.notReady)
        }
        let snapshot = keyring.snapshot
        guard JWSAlgorithm.allCases.allSatisfy({ snapshot.activeSigningKey(.token, algorithm: $0) != nil }) else {
            throw APIError(.notReady)
        }
        return Response.json(["status": "ready"])
    }

    /// Prometheus text, for loopback clients or a bearer of the metrics token.
    private func metricsText(_ request: Request) throws -> Response {
        guard Self.isLoopback(request.remoteAddress) || hasMetricsToken(request) else {
            var headers = HTTPHeaders()
            headers.set("WWW-Authenticate", "Bearer")
            throw APIError(.unauthorized, headers: headers)
        }
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: Array(metrics.render(gauges: gauges()).utf8))
    }

    private func hasMetricsToken(_ request: Request) -> Bool {
        guard let token = metricsToken, let header = request.headers["Authorization"], header.hasPrefix("Bearer ") else {
            return false
        }
        return ConstantTime.equals(Array(header.dropFirst(7).utf8), Array(token.unredacted.utf8))
    }

    /// The token keys (next, active, recently retired); cacheable for the JWKS max age
    /// that key rotation waits for.
    private func jwks() -> Response {
        let snapshot = keyring.snapshot, now = clock.now()
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "public, max-age=\(policies.tokens.jwksMaxAgeSeconds)")
        headers.set("Content-Type", "application/jwk-set+json")
        if let cached = jwksCache.entry.withLock({ $0 }), cached.second == now.seconds, cached.records == snapshot.records {
            return Response(status: .ok, headers: headers, body: cached.body)
        }
        let set = snapshot.jwks(.token, now: now, retiredRetention: policies.tokens.retiredTokenKeyRetentionSeconds)
        let response = Response.json(set, headers: headers)
        jwksCache.entry.withLock { $0 = (snapshot.records, now.seconds, response.body) }
        return response
    }

    static func isLoopback(_ address: String) -> Bool {
        IPAddressRange("127.0.0.0/8")!.contains(address) || address == "::1"
    }
}

/// The shared slot for the last JWKS body (a class: `Mutex` cannot be copied).
final class JWKSCache: Sendable {
    let entry = Mutex<(records: [KeyRecord], second: Int64, body: [UInt8])?>(nil)
}
