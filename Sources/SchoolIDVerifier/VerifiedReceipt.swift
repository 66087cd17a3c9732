public import SchoolIDBase
import SchoolIDCrypto

/// An acknowledgement receipt whose signature, `typ`, issuer, audience and key period
/// were checked, with its claims typed (the issue 10 receipt contract).
///
/// Encodes back to the wire claim names, so a tool can print what it verified.
public struct VerifiedReceipt: Hashable, Sendable, Encodable {
    /// `iss`.
    public var issuer: String
    /// `aud`: the client the receipt was issued to (the configured audience).
    public var audience: String
    /// `jti`.
    public var jwtID: String
    /// `iat`: when SchoolID signed it, inside the signing key's active period.
    public var issuedAt: UnixTime
    /// `ack`: the acknowledgement id (`ack_…`).
    public var acknowledgement: String
    /// `student`: the student's account id (`acc_…`).
    public var student: String
    /// `document`: the client's document id.
    public var document: String
    /// `title`.
    public var title: String
    /// `digest`: lowercase hex SHA-256 of the document bytes.
    public var digest: String
    /// `signer`: the account id of who confirmed.
    public var signer: String
    /// `signer_role`.
    public var signerRole: SignerRole
    /// `link`: the signer's authority at signing.
    public var link: Link
    /// `method`.
    public var method: Method
    /// `ledger_index`: the receipt's leaf index in the ledger.
    public var ledgerIndex: Int64
    /// The `kid` of the ack key that signed it.
    public var keyID: String

    /// Whether `document` is the document the receipt acknowledges: its SHA-256 (FIPS
    /// 180-4), in lowercase hex, equals ``digest``.
    public func matches(document: [UInt8]) -> Bool {
        Hex.encode(SHA256.hash(document)) == digest
    }

    /// `signer_role`: `guardian` or `trusted`.
    public struct SignerRole: ClaimVocabulary, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        /// A guardian through a guardian link.
        public static let guardian = SignerRole(rawValue: "guardian")
        /// A trusted person through an invitation the guardian made.
        public static let trusted = SignerRole(rawValue: "trusted")
        static let known: Set<String> = ["guardian", "trusted"]

        init(rawValue: String) { self.rawValue = rawValue }
    }

    /// `method`: `sms-otp` or `password`.
    public struct Method: ClaimVocabulary, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        /// A one-time code sent by SMS, bound to this acknowledgement.
        public static let smsOTP = Method(rawValue: "sms-otp")
        /// The password re-entered with step-up.
        public static let password = Method(rawValue: "password")
        static let known: Set<String> = ["sms-otp", "password"]

        init(rawValue: String) { self.rawValue = rawValue }
    }

    /// `link.relation`: a guardian link's relation, or `trusted`.
    public struct Relation: ClaimVocabulary, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public static let mother = Relation(rawValue: "mother")
        public static let father = Relation(rawValue: "father")
        public static let legalRepresentative = Relation(rawValue: "legal_representative")
        public static let other = Relation(rawValue: "other")
        public static let trusted = Relation(rawValue: "trusted")
        static let known: Set<String> = ["mother", "father", "legal_representative", "other", "trusted"]

        init(rawValue: String) { self.rawValue = rawValue }
    }

    /// `link`: the guardian link in force at signing, or a trusted person's invitation.
    public struct Link: Hashable, Sendable, Codable {
        /// The guardian link id, or the invitation id.
        public var id: String
        public var relation: Relation
        /// How the link came about (`credentials`, `link_code`, `staff_proposal`), or `invitation`.
        public var origin: String
    }

    enum CodingKeys: String, CodingKey {
        case issuer = "iss", audience = "aud", jwtID = "jti", issuedAt = "iat", acknowledgement = "ack"
        case student, document, title, digest, signer, signerRole = "signer_role", link, method
        case ledgerIndex = "ledger_index", keyID = "kid"
    }
}
