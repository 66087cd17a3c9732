import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDJOSE

/// `schoolid bench crypto`: full JWS signing and verification of a fixed access-token
/// claim set (ES256, EdDSA, RS256 with a 3072-bit key), scrypt at both policy profiles,
/// HMAC-SHA-256 and AES-256-GCM of 64 bytes, beside `openssl speed` measured in the same run.
enum CryptoBench {
    static let title = "Crypto: operations per second, one core"
    static let columns = ["operation", "ops/s min / median / max", "reference", "reference ops/s",
                          "median / reference"]

    /// Measures every row; `reference` is `openssl speed` of this run (measured by the caller
    /// so `bench all` can share it with the token suite).
    static func run(policies: PolicySet, reference: OpenSSLSpeed, seconds: Double, runs: Int) throws -> BenchSection {
        var table = BenchTable(columns: columns)
        func add(_ measurement: Measurement, _ reference: Double?, _ referenceName: String) {
            table.rows.append([.text(measurement.name), .stat(measurement.stat), .text(referenceName),
                               reference.map { .value($0) } ?? .none, .ratio(measurement.stat.median, reference)])
        }
        for (algorithm, label) in [(JWSAlgorithm.ES256, "ecdsap256"), (.EdDSA, "ed25519"), (.RS256, "rsa3072")] {
            note("JWS \(algorithm.rawValue)…")
            let (sign, verify) = try measureJWS(algorithm, seconds: seconds, runs: runs)
            add(sign, reference.signatures[label]?.sign, "openssl speed \(label) sign")
            add(verify, reference.signatures[label]?.verify, "openssl speed \(label) verify")
        }
        note("scrypt, HMAC, AES-GCM…")
        for (profile, cost) in [("user", policies.passwords.userHashCost), ("temporary", policies.passwords.temporaryHashCost)] {
            let hasher = PasswordHasher(parameters: ScryptParameters(logN: cost.logN, r: cost.r, p: cost.p))
            let password = Array("correct horse battery staple".utf8)
            add(try Measurement.measure("scrypt hash, \(profile) profile (\(cost))", seconds: max(seconds, 2), runs: runs) {
                _ = try hasher.hash(password)
            }, nil, "-")
        }
        let key = SymmetricKey.generate()
        let block = [UInt8](repeating: 0x5A, count: 64)
        add(Measurement.measure("HMAC-SHA-256, 64 bytes", seconds: seconds, runs: runs) {
            _ = HMAC.sha256(key: key.unsafeBytes, data: block)
        }, reference.perBlock["hmac-sha256"], "openssl speed -hmac sha256 (64 B)")
        let aad = Array("schoolid:v1:bench".utf8)
        add(try Measurement.measure("AES-256-GCM seal, 64 bytes", seconds: seconds, runs: runs) {
            _ = try AES256GCM.seal(block, using: key, authenticating: aad)
        }, reference.perBlock["aes-256-gcm"], "openssl speed -evp aes-256-gcm (64 B)")
        return BenchSection(suite: "crypto", title: title,
                            notes: ["\(runs) runs × \(formatNumber(seconds)) s per operation (scrypt at least 2 s); "
                                    + "`openssl speed` measured in the same run."],
                            tables: [table])
    }

    /// Full JWS: claims → JSON → base64url → signature → compact, and back with every check.
    static func measureJWS(_ algorithm: JWSAlgorithm, seconds: Double, runs: Int) throws -> (Measurement, Measurement) {
        let key = try SigningKey.generate(algorithm)
        let keys = try KeySet([key.verificationKey])
        let now = UnixTime(seconds: 1_800_000_000)
        var claims = JWTClaims(issuer: "https://id.school.example", subject: "acc_Qm9ndXNBY2NvdW50SWQwMQ",
                               audience: ["diary"], expiresAt: now.adding(seconds: 300), issuedAt: now,
                               jwtID: "7Zk3pQ9xW2mN4vB8cD1eF6")
        try claims.setClaim("client_id", "diary")
        try claims.setClaim("scope", "openid diary")
        let token = try JWT.sign(claims, type: "at+jwt", key: key)
        let sign = try Measurement.measure("JWS \(algorithm.rawValue) sign (full JWT)", seconds: seconds, runs: runs) {
            _ = try JWT.sign(claims, type: "at+jwt", key: key)
        }
        let verify = try Measurement.measure("JWS \(algorithm.rawValue) verify (full JWT)", seconds: seconds, runs: runs) {
            _ = try JWT.verify(token, keys: keys, expectedType: "at+jwt", now: now, leeway: 60,
                               issuer: "https://id.school.example", audience: "diary")
        }
        return (sign, verify)
    }
}
