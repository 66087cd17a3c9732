import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE
@testable import SchoolIDVerifier
import Synchronization
import Testing

/// `ReceiptVerifier` against an ack keys document served by an in-memory fetcher: the
/// document's shape, key periods, claim shapes and the unknown-`kid` refetch rule.
@Suite struct ReceiptVerifierTests {
    static let issuer = "https://id.school.example"
    static let start = UnixTime(seconds: 1_800_000_000)
    static let key: SigningKey = try! SigningKey.generate(.ES256)

    /// Serves one body for every URL and records what was asked.
    final class StaticFetcher: JWKSFetcher {
        let body = Mutex<[UInt8]>([])
        let requested = Mutex<[URL]>([])

        func fetch(_ url: URL) async throws -> FetchedDocument {
            requested.withLock { $0.append(url) }
            return FetchedDocument(body: body.withLock { $0 }, maxAge: 300)
        }
    }

    static func document(_ entries: [(SigningKey, Int64?, Int64?)]) -> [UInt8] {
        let keys = entries.map { key, activeFrom, retiredAt -> JSONValue in
            let jwk = try! JSONValue(encoding: key.publicJWK)
            return .object(["jwk": jwk, "active_from": activeFrom.map(JSONValue.integer) ?? .null,
                            "retired_at": retiredAt.map(JSONValue.integer) ?? .null])
        }
        return Array(try! JSONEncoder().encode(JSONValue.object(["keys": .array(keys)])))
    }

    static func claims(iat: Int64 = start.seconds) -> [String: JSONValue] {
        ["iss": .string(issuer), "aud": .string("diary"), "jti": .string("jti_receipt"), "iat": .integer(iat),
         "ack": .string("ack_1"), "student": .string("acc_s"), "document": .string("note-1"), "title": .string("Note"),
         "digest": .string(Hex.encode(SHA256.hash(Array("note".utf8)))), "signer": .string("acc_g"),
         "signer_role": .string("guardian"), "method": .string("password"), "ledger_index": .integer(3),
         "link": .object(["id": .string("gl_1"), "relation": .string("father"), "origin": .string("credentials")])]
    }

    static func sign(_ claims: [String: JSONValue], key: SigningKey = key, type: String = "ack+jwt") throws -> String {
        try JWS.sign(payload: Array(JSONEncoder().encode(JSONValue.object(claims))), type: type, key: key)
    }

    static func verifier(_ fetcher: StaticFetcher, clock: ManualWallClock = ManualWallClock(start)) -> ReceiptVerifier {
        ReceiptVerifier(configuration: ReceiptVerifierConfiguration(issuer: issuer + "/", audience: "diary", clock: clock,
                                                                    fetcher: fetcher))
    }

    @Test("keys come from {issuer}/v1/ledger/keys; the typed claims and the document check come back")
    func verifies() async throws {
        let fetcher = StaticFetcher()
        fetcher.body.withLock { $0 = Self.document([(Self.key, Self.start.seconds - 10, nil)]) }
        var claims = Self.claims()
        claims["iss"] = .string(Self.issuer + "/")
        let receipt = try await Self.verifier(fetcher).verifyReceipt(Self.sign(claims))
        #expect(fetcher.requested.withLock { $0 } == [URL(string: Self.issuer + "/v1/ledger/keys")!])
        #expect(receipt.method == .password && receipt.link.relation == .father && receipt.ledgerIndex == 3)
        #expect(receipt.keyID == Self.key.keyID && receipt.matches(document: Array("note".utf8)))
        #expect(!receipt.matches(document: Array("Note".utf8)))
    }

    @Test("a key never activated verifies nothing; the period is [active_from, retired_at)",
          arguments: [(nil, nil, false), (100, nil, true), (101, nil, false), (0, 100, false), (0, 101, true)] as [(Int64?, Int64?, Bool)])
    func periods(activeFrom: Int64?, retiredAt: Int64?, accepted: Bool) async throws {
        let fetcher = StaticFetcher()
        let base = Self.start.seconds - 1000
        fetcher.body.withLock { $0 = Self.document([(Self.key, activeFrom.map { base + $0 }, retiredAt.map { base + $0 })]) }
        var claims = Self.claims(iat: base + 100)
        claims["iss"] = .string(Self.issuer + "/")
        let compact = try Self.sign(claims)
        if accepted {
            _ = try await Self.verifier(fetcher).verifyReceipt(compact)
        } else {
            await #expect(throws: VerificationError.keyNotActive) { try await Self.verifier(fetcher).verifyReceipt(compact) }
        }
    }

    @Test("claims off the contract are refused", arguments: [
        ("digest", JSONValue.string(String(repeating: "A", count: 64)), VerificationError.invalidClaim),
        ("ledger_index", .integer(-1), .invalidClaim),
        ("signer_role", .string("student"), .invalidClaim),
        ("method", .string("totp"), .invalidClaim),
        ("aud", .array([.string("diary")]), .invalidClaim),
        ("ledger_index", .null, .missingClaim),
        ("iat", .integer(start.seconds + 61), .issuedInFuture),
    ])
    func claimShapes(name: String, value: JSONValue, error: VerificationError) async throws {
        let fetcher = StaticFetcher()
        fetcher.body.withLock { $0 = Self.document([(Self.key, 0, nil)]) }
        var claims = Self.claims()
        claims["iss"] = .string(Self.issuer + "/")
        claims[name] = value
        let compact = try Self.sign(claims)
        await #expect(throws: error) { try await Self.verifier(fetcher).verifyReceipt(compact) }
    }

    @Test("a token JWKS is not an ack keys document; an RS256 receipt is off the allow-list")
    func wrongDocuments() async throws {
        let fetcher = StaticFetcher()
        fetcher.body.withLock { $0 = Array(try! JSONEncoder().encode(JWKS(keys: [Self.key.publicJWK]))) }
        var claims = Self.claims()
        claims["iss"] = .string(Self.issuer + "/")
        await #expect(throws: VerificationError.jwksUnavailable) { try await Self.verifier(fetcher).verifyReceipt(Self.sign(claims)) }
        let rsa = try SigningKey.generate(.RS256)
        await #expect(throws: VerificationError.unsupportedAlgorithm) {
            try await Self.verifier(fetcher).verifyReceipt(Self.sign(claims, key: rsa))
        }
    }

    @Test("an unknown kid refetches the document at most once per 30 s")
    func unknownKeyRefetch() async throws {
        let fetcher = StaticFetcher()
        fetcher.body.withLock { $0 = Self.document([(Self.key, 0, nil)]) }
        let clock = ManualWallClock(Self.start)
        let verifier = Self.verifier(fetcher, clock: clock)
        var claims = Self.claims()
        claims["iss"] = .string(Self.issuer + "/")
        _ = try await verifier.verifyReceipt(Self.sign(claims))
        let stranger = try Self.sign(claims, key: SigningKey.generate(.ES256))
        await #expect(throws: VerificationError.unknownKey) { try await verifier.verifyReceipt(stranger) }
        await #expect(throws: VerificationError.unknownKey) { try await verifier.verifyReceipt(stranger) }
        #expect(fetcher.requested.withLock { $0.count } == 2, "one refetch, then rate limited")
        clock.advance(seconds: 30)
        await #expect(throws: VerificationError.unknownKey) { try await verifier.verifyReceipt(stranger) }
        #expect(fetcher.requested.withLock { $0.count } == 3)
    }
}
