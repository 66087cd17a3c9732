import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SchoolIDBase
import SchoolIDJOSE
import SchoolIDTesting
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
        let (issuer, stop) = try Self.startIssuer(jwks: JWKS(keys: [key.publicJWK]))
        defer { stop() }
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

    /// Serves `/.well-known/openid-configuration`, `/jwks` and `extra(issuer)`'s documents
    /// on an ephemeral loopback port.
    ///
    /// A blocking accept loop on a thread of its own, not ``HTTPServer``: its handlers run
    /// on the cooperative pool, which timing-heavy suites may hold for longer than the
    /// executable's 10 s fetch timeout when the whole suite runs.
    static func startIssuer(jwks: JWKS, extra: (String) throws -> [String: [UInt8]] = { _ in [:] }) throws
        -> (issuer: String, stop: @Sendable () -> Void)
    {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw CancellationError() }
        let issuer = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        let routes: [String: [UInt8]] = [
            "/.well-known/openid-configuration": Array(try JSONEncoder().encode(["issuer": issuer, "jwks_uri": issuer + "/jwks"])),
            "/jwks": Array(try JSONEncoder().encode(jwks)),
        ].merging(try extra(issuer)) { _, extra in extra }
        Thread {
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                var request: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while !request.ends(with: Array("\r\n\r\n".utf8)) {
                    let count = read(client, &buffer, buffer.count)
                    guard count > 0 else { break }
                    request += buffer[..<count]
                }
                let path = String(decoding: request, as: UTF8.self).split(separator: " ").dropFirst().first.map(String.init) ?? ""
                let body = routes[path]
                let head = "HTTP/1.1 \(body == nil ? "404 Not Found" : "200 OK")\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body?.count ?? 0)\r\nConnection: close\r\n\r\n"
                let response = Array(head.utf8) + (body ?? [])
                _ = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                close(client)
            }
        }.start()
        return (issuer, { shutdown(fd, Int32(SHUT_RDWR)); close(fd) })
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
