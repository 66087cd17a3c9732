import Foundation
import SchoolIDBase
import SchoolIDHTTP
import SchoolIDJOSE
import SchoolIDNet
import Synchronization

/// A stand-in issuer on an ephemeral loopback port (SchoolIDNet's real ``HTTPServer``):
/// it serves discovery and a JWKS that tests change at will, plus an attacker's JWKS a
/// token might point at through `jku`/`x5u`, and records every path requested.
final class IssuerServer: Sendable {
    struct State {
        var keys: [SigningKey] = []
        var attackerKeys: [SigningKey] = []
        var cacheControl: String?
        /// The `issuer` discovery announces; `nil`: the true one.
        var discoveryIssuer: String?
        /// JWKS member rewrites applied when serving (e.g. `alg: Ed25519`).
        var rewriteAlgorithm: [String: String] = [:]
        var paths: [String] = []
    }

    let state = Mutex(State())
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)
    private let portValue = Mutex(0)

    var port: Int { portValue.withLock { $0 } }
    var issuer: String { "http://127.0.0.1:\(port)" }
    var jwksURL: URL { URL(string: issuer + "/jwks")! }

    /// Paths requested so far, in order.
    var paths: [String] { state.withLock { $0.paths } }
    /// How many times `path` was requested.
    func count(_ path: String) -> Int { paths.filter { $0 == path }.count }

    /// Starts serving `keys` and waits for the port.
    static func start(keys: [SigningKey]) async throws -> IssuerServer {
        let server = IssuerServer()
        server.state.withLock { $0.keys = keys }
        let http = HTTPServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
                              logger: Logger(label: "issuer", sink: MemoryLogSink())) { request in
            server.answer(request)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await http.run { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw CancellationError()
        }
        server.portValue.withLock { $0 = port }
        server.task.withLock { $0 = task }
        return server
    }

    func stop() async {
        let task = task.withLock { $0 }
        task?.cancel()
        _ = try? await task?.value
    }

    private func answer(_ request: Request) -> Response {
        let snapshot = state.withLock { state in
            state.paths.append(request.path)
            return state
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        switch request.path {
        case "/.well-known/openid-configuration":
            let document: [String: String] = ["issuer": snapshot.discoveryIssuer ?? issuer, "jwks_uri": issuer + "/jwks"]
            return Response(status: .ok, headers: headers, body: Array(try! JSONEncoder().encode(document)))
        case "/jwks", "/attacker/jwks":
            if let cacheControl = snapshot.cacheControl { headers.add("Cache-Control", cacheControl) }
            let keys = request.path == "/jwks" ? snapshot.keys : snapshot.attackerKeys
            let jwks = JWKS(keys: keys.map { key in
                var jwk = key.publicJWK
                if let alias = snapshot.rewriteAlgorithm[key.keyID] { jwk.algorithm = alias }
                return jwk
            })
            return Response(status: .ok, headers: headers, body: Array(try! JSONEncoder().encode(jwks)))
        case "/redirect":
            // An attacker who controls a redirect would choose the keys.
            headers.add("Location", issuer + "/attacker/jwks")
            return Response(status: .found, headers: headers)
        default:
            return Response(status: .notFound, headers: headers, body: Array(#"{"error":"not_found"}"#.utf8))
        }
    }
}
