import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE
@testable import SchoolIDVerifier
import Synchronization

/// A ledger built the way SchoolID's is (issue 10 step 3 fixed shapes), served through a
/// fake fetcher: receipts signed by an ack key with `ledger_index: i`, leaf data
/// SHA-256 of each receipt's JWS bytes, checkpoints `checkpoint+jwt` JWTs with
/// `tree_size` and `root`, and the ack keys, checkpoint and consistency documents.
final class LedgerWorld: JWKSFetcher {
    static let issuer = "https://id.school.example"
    static let start = UnixTime(seconds: 1_800_000_000)
    static let ackKey: SigningKey = try! SigningKey.generate(.ES256)
    /// A key that signs tokens: absent from the ack keys document.
    static let tokenKey: SigningKey = try! SigningKey.generate(.ES256)

    /// The entries the fake server holds: receipts in ledger order.
    let receipts = Mutex<[String]>([])
    /// The checkpoint `GET /v1/ledger/checkpoint` serves.
    let served = Mutex<String?>(nil)
    /// Every URL fetched.
    let requested = Mutex<[URL]>([])
    let clock = ManualWallClock(start)

    init(size: Int) throws {
        try append(count: size)
    }

    func append(count: Int) throws {
        let first = receipts.withLock { $0.count }
        let added = try (first..<first + count).map { try Self.receipt(index: $0) }
        receipts.withLock { $0 += added }
    }

    /// Replaces entry `index` with another receipt at the same index: history rewritten.
    func rewrite(index: Int) throws {
        let forged = try Self.receipt(index: index, title: "Rewritten")
        receipts.withLock { $0[index] = forged }
    }

    var leafHashes: [[UInt8]] {
        receipts.withLock { $0 }.map { MerkleTree.leafHash(SHA256.hash(Array($0.utf8))) }
    }

    static func receipt(index: Int, title: String = "Note") throws -> String {
        let claims: [String: JSONValue] = [
            "iss": .string(issuer), "aud": .string("diary"), "jti": .string("jti_\(index)"), "iat": .integer(start.seconds),
            "ack": .string("ack_\(index)"), "student": .string("acc_s"), "document": .string("note-\(index)"),
            "title": .string(title), "digest": .string(Hex.encode(SHA256.hash(Array("note \(index)".utf8)))),
            "signer": .string("acc_g"), "signer_role": .string("guardian"), "method": .string("sms-otp"),
            "ledger_index": .integer(Int64(index)),
            "link": .object(["id": .string("gl_1"), "relation": .string("mother"), "origin": .string("credentials")]),
        ]
        return try JWS.sign(payload: Array(JSONEncoder().encode(JSONValue.object(claims))), type: "ack+jwt", key: ackKey)
    }

    /// A checkpoint JWS over the first `size` entries (or an explicit root).
    func checkpoint(size: Int, root: [UInt8]? = nil, iat: Int64 = start.seconds, key: SigningKey = ackKey,
                    type: String = "checkpoint+jwt", issuer: String = issuer) throws -> String {
        let root = root ?? MerkleTree.root(leafHashes: Array(leafHashes.prefix(size)))
        let claims = JWTClaims(issuer: issuer, issuedAt: UnixTime(seconds: iat),
                               extra: ["tree_size": .integer(Int64(size)), "root": .string(Hex.encode(root))])
        return try JWT.sign(claims, type: type, key: key)
    }

    /// The API's `proof` object for entry `index` in the tree of `size` entries.
    func proof(index: Int, size: Int) throws -> InclusionProof {
        InclusionProof(leafIndex: index, treeSize: size,
                       hashes: MerkleTree.inclusionProof(leafIndex: index, leafHashes: Array(leafHashes.prefix(size))),
                       checkpoint: try checkpoint(size: size))
    }

    func verifier() -> ReceiptVerifier {
        ReceiptVerifier(configuration: ReceiptVerifierConfiguration(issuer: Self.issuer, audience: "diary", clock: clock,
                                                                    fetcher: self))
    }

    func fetch(_ url: URL) async throws -> FetchedDocument {
        requested.withLock { $0.append(url) }
        let json: JSONValue
        switch url.path {
        case "/v1/ledger/keys":
            let jwk = try JSONValue(encoding: Self.ackKey.publicJWK)
            json = .object(["keys": .array([.object(["jwk": jwk, "active_from": .integer(Self.start.seconds - 1000),
                                                     "retired_at": .null])])])
        case "/v1/ledger/checkpoint":
            guard let compact = served.withLock({ $0 }) else { throw URLError(.badServerResponse) }
            json = .object(["checkpoint": .string(compact)])
        case "/v1/ledger/consistency":
            let query = Dictionary(uniqueKeysWithValues: URLComponents(url: url, resolvingAgainstBaseURL: false)!
                .queryItems!.map { ($0.name, Int($0.value!)!) })
            let (from, to) = (query["from"]!, query["to"]!)
            let proof = MerkleTree.consistencyProof(from: from, leafHashes: Array(leafHashes.prefix(to)))
            json = .object(["from": .integer(Int64(from)), "to": .integer(Int64(to)),
                            "proof": .array(proof.map { .string(Hex.encode($0)) })])
        default:
            throw URLError(.fileDoesNotExist)
        }
        return FetchedDocument(body: Array(try JSONEncoder().encode(json)), maxAge: 0)
    }
}
