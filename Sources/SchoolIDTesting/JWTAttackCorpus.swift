import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE
import Testing

/// The JWT attack corpus of `Tests/Fixtures/jwt-attacks/corpus.json`: hostile tokens
/// described as edits of a valid one (RFC 8725 §2 threats, §3 practices), so the same
/// rows run through `SchoolIDVerifier` and through `POST /oauth/introspect`.
///
/// Each layer supplies its own valid starting point (``Origin``): the claims and header
/// of a token it accepts, the key that signed it, the issuer and "now". ``Case/token(from:)``
/// applies the row's edits and signs as the row says.
public struct JWTAttackCorpus: Sendable {
    /// Every case, in file order, with the RFC section heading it is filed under.
    public let cases: [Case]

    /// Loads `jwt-attacks/corpus.json`.
    /// - Throws: when the file is missing or a row has the wrong shape.
    public static func load() throws -> JWTAttackCorpus {
        let file = try Fixtures.decode(File.self, from: "jwt-attacks/corpus.json")
        return JWTAttackCorpus(cases: file.sections.flatMap { section, rows in
            rows.map { row in var row = row; row.section = section; return row }
        }.sorted { ($0.section, $0.name) < ($1.section, $1.name) })
    }

    /// The cases, or an empty list when the file cannot be read (for `@Test(arguments:)`,
    /// whose table must be built without throwing; the corpus test then fails on an
    /// empty table).
    public static var cases: [Case] { (try? load().cases) ?? [] }

    /// What a layer starts from: a token it accepts, taken apart.
    public struct Origin: Sendable {
        /// The protected header (`alg`, `kid`, `typ`, …).
        public var header: [String: JSONValue]
        /// The claims.
        public var claims: [String: JSONValue]
        /// The trusted key that signed it (the key `kid` names).
        public var key: SigningKey
        /// The issuer URL (`$issuer` in the corpus).
        public var issuer: String
        /// The layer's current time (`{"now": offset}` in the corpus).
        public var now: UnixTime
        /// An attacker's own key, never published by the issuer.
        public var attacker: SigningKey
        /// Signs bytes with a key: `SigningKey.signature(for:)`, which only the test
        /// targets reach (`@testable import SchoolIDJOSE`): forging is not public API.
        public var signer: Signer

        /// Signs `input` with `key`.
        public typealias Signer = @Sendable (_ key: SigningKey, _ input: [UInt8]) throws -> [UInt8]

        /// - Parameters: see the properties.
        public init(header: [String: JSONValue], claims: [String: JSONValue], key: SigningKey, issuer: String,
                    now: UnixTime, attacker: SigningKey, signer: @escaping Signer)
        {
            self.signer = signer
            self.header = header
            self.claims = claims
            self.key = key
            self.issuer = issuer
            self.now = now
            self.attacker = attacker
        }

        /// Takes a compact JWS apart (no verification: the caller minted it).
        public init(compact: String, key: SigningKey, issuer: String, now: UnixTime, attacker: SigningKey,
                    signer: @escaping Signer) throws
        {
            let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, let header = Base64URL.decode(parts[0]), let payload = Base64URL.decode(parts[1]),
                  case .object(let headerMembers) = try JSONValue(parsing: header),
                  case .object(let claims) = try JSONValue(parsing: payload)
            else { throw JOSEError.malformed }
            self.init(header: headerMembers, claims: claims, key: key, issuer: issuer, now: now, attacker: attacker,
                      signer: signer)
        }
    }

    /// One hostile token and the refusal the verifier must give.
    public struct Case: Sendable, Decodable, CustomTestStringConvertible {
        /// What the attack is, e.g. "alg none, empty signature".
        public let name: String
        /// The RFC section heading the row is filed under.
        public internal(set) var section = ""
        /// Which valid token the edits start from: `access_token` or `id_token`.
        public let origin: String
        /// The `VerificationError` code `SchoolIDVerifier` must throw, e.g. `unsupported_algorithm`.
        public let verifier: String
        let literal: String?
        let header: [String: JSONValue]?
        let claims: [String: JSONValue]?
        let duplicateHeader: [String: JSONValue]?
        let duplicateClaims: [String: JSONValue]?
        let signature: Signature?
        let suffix: String?
        let padTo: Int?

        /// How the third part is made.
        enum Signature: String, Decodable {
            /// Signed by the trusted key `kid` names (the default).
            case key
            /// No signature bytes at all.
            case empty
            /// HMAC-SHA256 keyed with the trusted key's public JWK (RFC 8725 §2.1).
            case hmacPublicKey = "hmac_public_key"
            /// Signed by the attacker's key; `kid` becomes the attacker's.
            case attacker
            /// Signed by another, untrusted key; `kid` stays the trusted one.
            case foreign
            /// The trusted key's ECDSA signature in DER instead of raw r‖s (RFC 7518 §3.4).
            case der
            /// No third part: the compact form ends at the second dot.
            case stripped
        }

        enum CodingKeys: String, CodingKey {
            case name, origin, verifier, literal, header, claims, signature, suffix
            case duplicateHeader = "duplicate_header", duplicateClaims = "duplicate_claims", padTo = "pad_to"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            origin = try c.decodeIfPresent(String.self, forKey: .origin) ?? "access_token"
            verifier = try c.decode(String.self, forKey: .verifier)
            literal = try c.decodeIfPresent(String.self, forKey: .literal)
            header = try c.decodeIfPresent([String: JSONValue].self, forKey: .header)
            claims = try c.decodeIfPresent([String: JSONValue].self, forKey: .claims)
            duplicateHeader = try c.decodeIfPresent([String: JSONValue].self, forKey: .duplicateHeader)
            duplicateClaims = try c.decodeIfPresent([String: JSONValue].self, forKey: .duplicateClaims)
            signature = try c.decodeIfPresent(Signature.self, forKey: .signature)
            suffix = try c.decodeIfPresent(String.self, forKey: .suffix)
            padTo = try c.decodeIfPresent(Int.self, forKey: .padTo)
        }

        public var testDescription: String { "\(section): \(name)" }

        /// No edit at all: the origin re-signed by its key (to prove the origin is valid).
        public static let untouched = Case(name: "untouched")

        private init(name: String) {
            self.name = name
            origin = "access_token"
            verifier = ""
            literal = nil
            header = nil
            claims = nil
            duplicateHeader = nil
            duplicateClaims = nil
            signature = nil
            suffix = nil
            padTo = nil
        }

        /// Whether the header names an attacker's key URL or key: the test then checks
        /// that nothing was fetched from it.
        public var injectsKeySource: Bool { header.map { !Set($0.keys).isDisjoint(with: ["jku", "x5u", "jwk"]) } ?? false }

        /// Builds the hostile token from `origin`.
        /// - Throws: when signing fails.
        public func token(from origin: Origin) throws -> String {
            if let literal { return literal }
            var header = origin.header, claims = origin.claims
            if signature == .attacker { header["kid"] = .string(origin.attacker.keyID) }
            for (name, value) in self.header ?? [:] { header[name] = Self.resolve(value, in: origin) }
            for (name, value) in self.claims ?? [:] { claims[name] = Self.resolve(value, in: origin) }
            if let padTo { claims["pad"] = .string(String(repeating: "A", count: padTo)) }
            let headerJSON = Self.json(header, appending: duplicateHeader, in: origin)
            let payloadJSON = Self.json(claims, appending: duplicateClaims, in: origin)
            let input = Base64URL.encode(headerJSON) + "." + Base64URL.encode(payloadJSON)
            let bytes = Array(input.utf8)
            let signed: String
            switch signature ?? .key {
            case .key: signed = input + "." + Base64URL.encode(try origin.signer(origin.key, bytes))
            case .empty: signed = input + "."
            case .stripped: signed = input
            case .attacker: signed = input + "." + Base64URL.encode(try origin.signer(origin.attacker, bytes))
            case .foreign:
                let foreign = try SigningKey.generate(origin.key.algorithm)
                signed = input + "." + Base64URL.encode(try origin.signer(foreign, bytes))
            case .hmacPublicKey:
                let secret = JWTAttackCorpus.json(try JSONValue(encoding: origin.key.publicJWK))
                signed = input + "." + Base64URL.encode(HMAC.sha256(key: secret, data: bytes))
            case .der: signed = input + "." + Base64URL.encode(Self.der(rawECDSA: try origin.signer(origin.key, bytes)))
            }
            return signed + (suffix ?? "")
        }

        /// `{"now": n}` is now + n seconds; `$issuer` is the issuer; `$attacker_jwk` the
        /// attacker's public JWK.
        static func resolve(_ value: JSONValue, in origin: Origin) -> JSONValue {
            switch value {
            case .object(let members) where members.count == 1:
                if case .integer(let offset)? = members["now"] { return .integer(origin.now.seconds + offset) }
                return value
            case .string("$attacker_jwk"): return (try? JSONValue(encoding: origin.attacker.publicJWK)) ?? .null
            case .string(let text) where text.hasPrefix("$issuer"):
                return .string(origin.issuer + text.dropFirst("$issuer".count))
            case .array(let items): return .array(items.map { resolve($0, in: origin) })
            default: return value
            }
        }

        /// The object's JSON with `extra` members written again after it (duplicates).
        private static func json(_ members: [String: JSONValue], appending extra: [String: JSONValue]?,
                                 in origin: Origin) -> [UInt8]
        {
            var bytes = JWTAttackCorpus.json(.object(members.filter { $0.value != .null }))
            for (name, value) in (extra ?? [:]).sorted(by: { $0.key < $1.key }) {
                bytes.removeLast()  // "}"
                bytes += Array(",\"\(name)\":".utf8) + JWTAttackCorpus.json(resolve(value, in: origin)) + [UInt8(ascii: "}")]
            }
            return bytes
        }

        /// RFC 7518 §3.4 names raw r‖s; this is the ASN.1 `SEQUENCE { INTEGER r, INTEGER s }`
        /// OpenSSL produces, the form a confused signer would send.
        static func der(rawECDSA raw: [UInt8]) -> [UInt8] {
            func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
                var value = Array(bytes.drop { $0 == 0 })
                if value.isEmpty || value[0] & 0x80 != 0 { value.insert(0, at: 0) }
                return [0x02, UInt8(value.count)] + value
            }
            let half = raw.count / 2
            let body = integer(raw[..<half]) + integer(raw[half...])
            return [0x30, UInt8(body.count)] + body
        }
    }

    /// Sorted-key JSON without escaped slashes, as SchoolID writes it.
    static func json(_ value: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data())
    }

    /// The file: a `source` line, then one array of cases per RFC section heading.
    struct File: Decodable {
        let sections: [(String, [Case])]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            sections = try c.allKeys.filter { $0.stringValue.hasPrefix("#") }.map { key in
                (String(key.stringValue.dropFirst(2)), try c.decode([Case].self, forKey: key))
            }
        }
    }
}
