import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP
import SchoolIDJOSE

/// `GET /v1/ledger/keys`: every acknowledgement (`ack`) key SchoolID ever held, with the
/// period it signed in, apart from the token JWKS (RFC 8725 §3.12: a verifier that
/// trusts this document for receipts never takes a token key for an ack key).
///
/// Active and retired keys are listed with `active_from` (the record's `activatedAt`) and
/// `retired_at` (`retiredAt`, `null` while active); retired keys are never removed, so a
/// receipt verifies for as long as it is kept. The `next` keys are listed too, with
/// `active_from: null`: verifiers can cache them before the rotation, and a key never
/// activated verifies nothing.
struct AckKeysRoutes: Sendable {
    /// How long verifiers may cache the document (seconds).
    static let maxAge = 300

    let keyring: Keyring

    func register(in router: inout Router) {
        router.add(.GET, Routes.ledgerKeys) { _ in keys() }
    }

    private func keys() -> Response {
        let snapshot = keyring.snapshot
        // Ack keys are published whatever the time and retention (retired ones forever):
        // `now` and `retiredRetention` only ever drop retired *token* keys.
        let published = snapshot.jwks(.ack, now: UnixTime(seconds: 0), retiredRetention: 0).keys
        let records = Dictionary(snapshot.records.filter { $0.purpose == .ack }.map { ($0.id, $0) },
                                 uniquingKeysWith: { first, _ in first })
        let entries = published.compactMap { jwk -> AckKeyEntry? in
            guard let id = jwk.keyID, let record = records[id] else { return nil }
            return AckKeyEntry(jwk: jwk, activeFrom: record.activatedAt?.seconds, retiredAt: record.retiredAt?.seconds)
        }
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "public, max-age=\(Self.maxAge)")
        return Response.json(AckKeysDocument(keys: entries), headers: headers)
    }
}

/// The body of `GET /v1/ledger/keys`.
struct AckKeysDocument: Encodable {
    let keys: [AckKeyEntry]
}

/// One ack key with its signing period (unix seconds; `null` for "not yet" / "not yet retired").
struct AckKeyEntry: Encodable {
    let jwk: PublicJWK
    let activeFrom: Int64?
    let retiredAt: Int64?

    enum CodingKeys: String, CodingKey {
        case jwk, activeFrom = "active_from", retiredAt = "retired_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jwk, forKey: .jwk)
        try container.encode(activeFrom, forKey: .activeFrom)  // explicit null, not an absent member
        try container.encode(retiredAt, forKey: .retiredAt)
    }
}
