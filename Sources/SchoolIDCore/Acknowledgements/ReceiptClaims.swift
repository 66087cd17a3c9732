import Foundation
import SchoolIDBase
public import SchoolIDJOSE

/// The claims of an acknowledgement receipt: a JWS (`typ: ack+jwt`, RFC 8725 §3.11
/// explicit typing) that SchoolID hands the requesting diary service once a guardian (or
/// an allowed trusted person) has confirmed a document.
///
/// Every claim is required and there is no `exp` (RFC 7519 §4.1.4 is optional): a receipt
/// records a fact and must verify for years, against the ack key that was active at `iat`
/// (`GET /v1/ledger/keys`). Names on the wire are the issue 10 contract's.
public struct ReceiptClaims: Sendable, Hashable, Codable {
    /// Who confirmed: a guardian, or a trusted person the guardian's grant allows.
    public enum SignerRole: String, Sendable, Hashable, Codable, CaseIterable {
        case guardian, trusted
    }

    /// How the signer confirmed.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        /// A one-time code sent by SMS, bound to this acknowledgement.
        case smsOTP = "sms-otp"
        /// The password re-entered with step-up.
        case password
    }

    /// The relation named by ``Link/relation``: a guardian link's relation, or `trusted`.
    public enum Relation: String, Sendable, Hashable, Codable, CaseIterable {
        case mother, father, legalRepresentative = "legal_representative", other, trusted
    }

    /// The authority the signer held at signing: the guardian link in force (its id,
    /// relation and origin), or for a trusted person the invitation (relation `trusted`,
    /// origin `invitation`).
    public struct Link: Sendable, Hashable, Codable {
        /// The guardian link id (`gl_…`) or the invitation id.
        public var id: String
        public var relation: Relation
        /// How the link came about: a ``GuardianLink/Origin`` raw value (`credentials`,
        /// `link_code`, `staff_proposal`), or `invitation` for a trusted person.
        public var origin: String

        public init(id: String, relation: Relation, origin: String) {
            self.id = id
            self.relation = relation
            self.origin = origin
        }
    }

    /// `iss`: SchoolID's issuer URL.
    public var issuer: String
    /// `aud`: the requesting client's id (one string).
    public var audience: String
    /// `jti`: 128 random bits, base64url.
    public var jwtID: String
    /// `iat`: when the receipt was signed.
    public var issuedAt: UnixTime
    /// `ack`: the acknowledgement id (`ack_…`).
    public var acknowledgement: Acknowledgement.ID
    /// `student`: the student the document is about.
    public var student: Account.ID
    /// `document`: the client's own document id.
    public var document: String
    /// `title`: the document's title as requested.
    public var title: String
    /// `digest`: lowercase hex SHA-256 of the document bytes (64 characters).
    public var digest: String
    /// `signer`: who confirmed.
    public var signer: Account.ID
    /// `signer_role`.
    public var signerRole: SignerRole
    /// `link`: the authority in force at signing.
    public var link: Link
    /// `method`.
    public var method: Method
    /// `ledger_index`: the receipt's position in the append-only ledger (RFC 9162 leaf index).
    public var ledgerIndex: Int64
    /// `withdraws`: in a withdrawal entry only, the ledger index of the receipt withdrawn.
    public var withdraws: Int64?

    enum CodingKeys: String, CodingKey {
        case issuer = "iss", audience = "aud", jwtID = "jti", issuedAt = "iat", acknowledgement = "ack"
        case student, document, title, digest, signer, signerRole = "signer_role", link, method
        case ledgerIndex = "ledger_index", withdraws
    }

    /// Creates the claims. ``ReceiptIssuer/sign(_:at:)`` replaces `issuer`, `jwtID` and
    /// `issuedAt` with its own issuer, a fresh `jti` and the signing time, so callers may
    /// leave those three at their defaults.
    public init(issuer: String = "", audience: String, jwtID: String = "", issuedAt: UnixTime = UnixTime(seconds: 0),
                acknowledgement: Acknowledgement.ID, student: Account.ID, document: String, title: String, digest: String,
                signer: Account.ID, signerRole: SignerRole, link: Link, method: Method, ledgerIndex: Int64)
    {
        self.issuer = issuer
        self.audience = audience
        self.jwtID = jwtID
        self.issuedAt = issuedAt
        self.acknowledgement = acknowledgement
        self.student = student
        self.document = document
        self.title = title
        self.digest = digest
        self.signer = signer
        self.signerRole = signerRole
        self.link = link
        self.method = method
        self.ledgerIndex = ledgerIndex
    }

    /// The claims as a JWT claims set (`aud` a single string, no `exp`).
    public var jwtClaims: JWTClaims {
        var extra: [String: JSONValue] = [
            "ack": .string(acknowledgement.rawValue), "student": .string(student.rawValue), "document": .string(document),
            "title": .string(title), "digest": .string(digest), "signer": .string(signer.rawValue),
            "signer_role": .string(signerRole.rawValue),
            "link": .object(["id": .string(link.id), "relation": .string(link.relation.rawValue),
                             "origin": .string(link.origin)]),
            "method": .string(method.rawValue), "ledger_index": .integer(ledgerIndex),
        ]
        if let withdraws { extra["withdraws"] = .integer(withdraws) }
        return JWTClaims(issuer: issuer, audience: [audience], issuedAt: issuedAt, jwtID: jwtID, extra: extra)
    }

    /// The claims of a receipt (or withdrawal) read back from SchoolID's own ledger,
    /// whose signature is SchoolID's: the payload is decoded, not verified (verifiers use
    /// `SchoolIDVerifier`).
    /// - Throws: a decoding error for anything that is not a receipt's payload.
    public init(stored compact: String) throws {
        let segments = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3, let payload = Base64URL.decode(String(segments[1])) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a JWS compact serialization"))
        }
        self = try JSONDecoder().decode(Self.self, from: Data(payload))
    }

    /// Whether `digest` is 64 lowercase hex characters (SHA-256, FIPS 180-4).
    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
