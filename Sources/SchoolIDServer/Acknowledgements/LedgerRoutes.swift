import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET /v1/ledger/checkpoint` and `GET /v1/ledger/consistency?from=A&to=B`: the public
/// documents a verifier needs to keep its view of the acknowledgement ledger moving
/// forward only (RFC 9162 §2.1.4; issue 10). Both are unauthenticated, like the ack keys.
struct LedgerRoutes: Sendable {
    let environment: ServiceEnvironment
    let keyring: Keyring
    let issuer: ResolvedIssuer

    func register(in router: inout Router) {
        router.add(.GET, Routes.ledgerCheckpoint) { _ in try await checkpoint() }
        router.add(.GET, Routes.ledgerConsistency) { try await consistency($0) }
    }

    /// The ledger over this request's issuer and keyring snapshot.
    private var ledger: Ledger {
        let keyring = keyring
        return Ledger(environment: environment, issuer: issuer.current, keys: { keyring.snapshot })
    }

    /// The newest checkpoint, signed first when it does not cover every entry.
    private func checkpoint() async throws -> Response {
        let checkpoint = try await ledger.newestCheckpoint()
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "no-cache")
        return Response.json(CheckpointDocument(checkpoint), headers: headers)
    }

    private func consistency(_ request: Request) async throws -> Response {
        let items = try request.queryItems()
        func size(_ name: String) throws -> Int {
            guard let text = items[name], !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  text.utf8.count <= 18, let value = Int(text)
            else { throw DomainError(.ledgerRangeInvalid, detail: "\(name): a tree size") }
            return value
        }
        let from = try size("from"), to = try size("to")
        let proof = try await ledger.consistency(from: from, to: to)
        return Response.json(ConsistencyDocument(from: from, to: to, proof: proof.map(Hex.encode)))
    }
}

/// The body of `GET /v1/ledger/checkpoint`.
struct CheckpointDocument: Encodable {
    let checkpoint: String
    let treeSize: Int
    let root: String
    let signedAt: Int64

    init(_ checkpoint: SignedCheckpoint) {
        self.checkpoint = checkpoint.compact
        treeSize = checkpoint.treeSize
        root = Hex.encode(checkpoint.root)
        signedAt = checkpoint.signedAt.seconds
    }

    enum CodingKeys: String, CodingKey {
        case checkpoint, treeSize = "tree_size", root, signedAt = "signed_at"
    }
}

/// The body of `GET /v1/ledger/consistency` (RFC 9162 §2.1.4 `PROOF(from, D[to])`, hex).
struct ConsistencyDocument: Encodable {
    let from: Int
    let to: Int
    let proof: [String]
}
