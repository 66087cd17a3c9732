import SchoolIDJOSE
import SchoolIDTesting

/// The JOSE example files under `Tests/Fixtures/`, decoded with their RFC section headings.
enum RFCVectors {
    struct Encoding: Decodable {
        let protectedHeader: String
        let payload: String
        let encodedPayload: String
        let jwk: PrivateJWK
        let encodedSignature: String
        let compact: String
        /// The public half of `jwk`, read from the same fixture object.
        let publicJWK: PublicJWK

        enum CodingKeys: String, CodingKey {
            case protectedHeader, payload, encodedPayload, jwk, encodedSignature, compact
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            protectedHeader = try container.decode(String.self, forKey: .protectedHeader)
            payload = try container.decode(String.self, forKey: .payload)
            encodedPayload = try container.decode(String.self, forKey: .encodedPayload)
            jwk = try container.decode(PrivateJWK.self, forKey: .jwk)
            encodedSignature = try container.decode(String.self, forKey: .encodedSignature)
            compact = try container.decode(String.self, forKey: .compact)
            let members = try container.decode([String: String].self, forKey: .jwk)
            publicJWK = PublicJWK(
                keyType: members["kty"] ?? "", curve: members["crv"], x: members["x"], y: members["y"],
                modulus: members["n"], exponent: members["e"])
        }

        /// `BASE64URL(header) '.' BASE64URL(payload)` as published.
        var signingInput: [UInt8] { Array(compact.split(separator: ".")[0...1].joined(separator: ".").utf8) }
    }

    struct RFC7515: Decodable {
        struct A2: Decodable {
            let encoding: Encoding
            enum CodingKeys: String, CodingKey { case encoding = "# A.2.1.  Encoding" }
        }
        struct A3: Decodable {
            let encoding: Encoding
            enum CodingKeys: String, CodingKey { case encoding = "# A.3.1.  Encoding" }
        }
        let a2: A2
        let a3: A3
        enum CodingKeys: String, CodingKey {
            case a2 = "# A.2.  Example JWS Using RSASSA-PKCS1-v1_5 SHA-256"
            case a3 = "# A.3.  Example JWS Using ECDSA P-256 SHA-256"
        }
    }

    struct RFC8037: Decodable {
        struct Thumbprint: Decodable { let thumbprint: String }
        struct Signing: Decodable { let payload: String; let signingInput: String; let compact: String }
        let privateKey: PrivateJWK
        let publicKey: PublicJWK
        let thumbprint: Thumbprint
        let signing: Signing
        enum CodingKeys: String, CodingKey {
            case privateKey = "# A.1.  Ed25519 Private Key"
            case publicKey = "# A.2.  Ed25519 Public Key"
            case thumbprint = "# A.3.  JWK Thumbprint Canonicalization"
            case signing = "# A.4.  Ed25519 Signing"
        }
    }

    static func rfc7515() throws -> RFC7515 { try Fixtures.decode(RFC7515.self, from: "rfc7515/appendix-a.json") }
    static func rfc8037() throws -> RFC8037 { try Fixtures.decode(RFC8037.self, from: "rfc8037/appendix-a.json") }
}
