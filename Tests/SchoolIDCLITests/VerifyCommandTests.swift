import Foundation
import SchoolIDBase
import SchoolIDHTTP
import SchoolIDJOSE
import SchoolIDNet
import SchoolIDTesting
import Synchronization
import Testing

/// `schoolid verify token` against a loopback issuer serving discovery and a JWKS.
///
/// The executable verifies with the system clock, so the valid token is minted at the
/// system time with five minutes to live, and the expired one expired in 2001: neither
/// result depends on when the test runs.
@Suite struct VerifyCommandTests {
    @Test("exit 0 with the claims as JSON for a valid token, exit 1 with the reason otherwise")
    func verifyToken() async throws {
        let key = try SigningKey.generate(.ES256)
        let (issuer, task) = try await Self.startIssuer(jwks: JWKS(keys: [key.publicJWK]))
        defer { task.cancel() }
        let cli = try CLI()
        defer { cli.directory.remove() }
        let now = SystemWallClock.operatingSystemTime()

        let valid = try Self.token(issuer: issuer, issuedAt: now, key: key)
        let accepted = try await cli.run("verify", "token", valid, "--issuer", issuer, "--audience", "diary")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let claims = try #require(try JSONSerialization.jsonObject(with: Data(accepted.stdout.utf8)) as? [String: Any])
        #expect(claims["sub"] as? String == "acc_guardian" && claims["client_id"] as? String == "diary")
        #expect(claims["scope"] as? String == "openid diary")
        let students = try #require(claims["students"] as? [[String: Any]])
        #expect(students.first?["relation"] as? String == "guardian")

        let viaJWKS = try await cli.run("verify", "token", "--jwks-uri", issuer + "/jwks", "--issuer", issuer,
                                        "--audience", "diary", valid)
        #expect(viaJWKS.status == 0, "\(viaJWKS.stderr)")

        let wrongAudience = try await cli.run("verify", "token", valid, "--issuer", issuer, "--audience", "attendance")
        #expect(wrongAudience.status == 1 && wrongAudience.stderr.contains("wrong_audience"), "\(wrongAudience.stderr)")
        #expect(wrongAudience.stdout.isEmpty)

        let expired = try Self.token(issuer: issuer, issuedAt: UnixTime(seconds: 1_000_000_000), key: key)
        let late = try await cli.run("verify", "token", expired, "--issuer", issuer, "--audience", "diary")
        #expect(late.status == 1 && late.stderr.contains("expired"), "\(late.stderr)")

        let insecure = try await cli.run("verify", "token", valid, "--issuer", "http://schoolid.invalid", "--audience", "diary")
        #expect(insecure.status == 1 && insecure.stderr.contains("insecure_url"), "\(insecure.stderr)")

        let usage = try await cli.run("verify", "token", valid, "--audience", "diary")
        #expect(usage.status == 2 && usage.stderr.contains("--issuer"))
    }

    static func token(issuer: String, issuedAt: UnixTime, key: SigningKey) throws -> String {
        var claims = JWTClaims(issuer: issuer, subject: "acc_guardian", audience: ["diary"],
                               expiresAt: issuedAt.adding(seconds: 300), issuedAt: issuedAt, jwtID: "jti_cli_test")
        try claims.setClaim("client_id", "diary")
        try claims.setClaim("scope", "openid diary")
        try claims.setClaim("students", [StudentClaim(id: "acc_a", relation: "guardian", services: ["diary"], grant: "gl_1")])
        return try JWT.sign(claims, type: "at+jwt", key: key)
    }

    struct StudentClaim: Encodable {
        let id: String, relation: String, services: [String], grant: String
    }

    /// Serves `/.well-known/openid-configuration` and `/jwks` on an ephemeral loopback port.
    static func startIssuer(jwks: JWKS) async throws -> (issuer: String, task: Task<Void, any Error>) {
        let port = Mutex(0)
        let server = HTTPServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
                                logger: Logger(label: "issuer", sink: MemoryLogSink())) { request in
            let issuer = "http://127.0.0.1:\(port.withLock { $0 })"
            let body: [UInt8]
            switch request.path {
            case "/.well-known/openid-configuration":
                body = Array(try! JSONEncoder().encode(["issuer": issuer, "jwks_uri": issuer + "/jwks"]))
            case "/jwks":
                body = Array(try! JSONEncoder().encode(jwks))
            default:
                return Response(status: .notFound)
            }
            var headers = HTTPHeaders()
            headers.add("Content-Type", "application/json")
            return Response(status: .ok, headers: headers, body: body)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await server.run { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            try await task.value
            throw CancellationError()
        }
        port.withLock { $0 = bound }
        return ("http://127.0.0.1:\(bound)", task)
    }
}
