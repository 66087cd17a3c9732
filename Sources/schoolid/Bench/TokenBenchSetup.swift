import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDServer

/// What the token benchmark needs in the bench server's database: a confidential client,
/// a guardian of two students, and refresh tokens to spend, one family each (a refresh
/// grant rotates its token, so every request needs a token nobody used).
struct TokenBenchSetup {
    static let clientID = "bench-diary"
    static let scope = "openid offline_access diary attendance"

    let environment: ServiceEnvironment
    let secret: String
    let guardian: Account.ID

    static func prepare(_ application: ServerApplication) async throws -> TokenBenchSetup {
        let environment = application.environment
        let issued = try await ClientService(environment: environment).register(
            by: .commandLine,
            ClientRegistration(id: clientID, name: "Bench diary", redirectURIs: ["https://diary.bench.example/cb"],
                               grants: ["authorization_code", "refresh_token", "client_credentials"],
                               scopes: scope.split(separator: " ").map(String.init), audience: clientID),
            context: .commandLine(requestID: "bench"))
        guard let secret = issued.secret?.unredacted else { throw CommandFailure("the bench client has no secret") }
        let random = environment.random, now = environment.clock.now()
        let guardian = Account.ID.random(using: random)
        try await environment.storage.write { tx in
            try tx.accounts.insert(Account(id: guardian, category: .adult, login: nil, profile: random.bytes(count: 32),
                                           createdAt: now))
            for _ in 0..<2 {
                let student = Account.ID.random(using: random)
                try tx.accounts.insert(Account(id: student, category: .student, login: nil,
                                               profile: random.bytes(count: 32), createdAt: now))
                try tx.guardianLinks.insert(GuardianLink(id: .random(using: random), guardianID: guardian,
                                                         studentID: student, relation: .mother, origin: .credentials,
                                                         state: .active, createdAt: now, confirmedAt: now))
            }
        }
        return TokenBenchSetup(environment: environment, secret: secret, guardian: guardian)
    }

    /// `Authorization` for the bench client (RFC 6749 §2.3.1).
    var basicAuthorization: String {
        let pair = PercentEncoding.encodeUnreserved(Self.clientID) + ":" + PercentEncoding.encodeUnreserved(secret)
        return "Basic " + Data(pair.utf8).base64EncodedString()
    }

    /// Stores `count` fresh refresh tokens of the guardian, each the first of its own
    /// family, and writes them one per line to `path`.
    func writeRefreshTokens(count: Int, to path: String) async throws {
        let environment = environment, guardian = guardian
        let policy = environment.policies.tokens, now = environment.clock.now()
        var tokens: [String] = []
        tokens.reserveCapacity(count)
        for start in stride(from: 0, to: count, by: 5_000) {
            let chunk = (start..<min(count, start + 5_000)).map { _ in environment.random.token(bytes: 32) }
            try await environment.storage.write { tx in
                for token in chunk {
                    try tx.refreshTokens.insert(RefreshToken(
                        tokenHash: SHA256.hash(Array(token.utf8)), familyID: environment.random.token(bytes: 16),
                        clientID: Self.clientID, accountID: guardian, sessionTokenHash: nil, scope: Self.scope,
                        createdAt: now, idleExpiresAt: now.adding(seconds: policy.refreshTokenIdleSeconds),
                        absoluteExpiresAt: now.adding(seconds: policy.refreshTokenAbsoluteSeconds)))
                }
            }
            tokens += chunk
        }
        try (tokens.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A wrk script posting `body` to the token endpoint with the client's Basic credentials;
    /// with `tokensFile`, each request spends the next refresh token of that file.
    func wrkScript(at path: String, body: String, tokensFile: String? = nil) throws -> String {
        var lines = [
            "wrk.method = \"POST\"",
            "wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"",
            "wrk.headers[\"Authorization\"] = \"\(basicAuthorization)\"",
        ]
        if let tokensFile {
            lines += [
                "local tokens = {}",
                "for line in io.lines(\"\(tokensFile)\") do tokens[#tokens + 1] = line end",
                "local i = 0",
                "request = function()",
                "  i = i % #tokens + 1",
                "  return wrk.format(nil, nil, nil, \"\(body)\" .. tokens[i])",
                "end",
            ]
        } else {
            lines.append("wrk.body = \"\(body)\"")
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
