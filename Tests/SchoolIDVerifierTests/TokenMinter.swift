import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

/// Mints tokens in the SchoolID format (issue 9 contract) with test keys, and forges the
/// malformed and hostile ones the attack tests need.
struct TokenMinter {
    let issuer: String
    let now: UnixTime

    /// The claims of a guardian's access token for two children, as SchoolID issues them.
    func guardianClaims(audience: String = "diary") -> [String: JSONValue] {
        [
            "iss": .string(issuer), "sub": .string("acc_guardian"), "aud": .string(audience),
            "client_id": .string("diary"), "exp": .integer(now.seconds + 300), "iat": .integer(now.seconds),
            "jti": .string("jti_0123456789abcdef0123"), "scope": .string("openid diary attendance"),
            "sid": .string("ses_abc"), "auth_time": .integer(now.seconds - 10),
            "amr": .array([.string("pwd"), .string("otp")]), "acr": .string("2"),
            "students": .array([
                Self.student("acc_a", relation: "guardian", services: ["attendance", "diary"], grant: "gl_1"),
                Self.student("acc_b", relation: "guardian", services: ["diary"], grant: "gl_2"),
            ]),
        ]
    }

    /// A `client_credentials` token's claims: `sub` is the client, no person claims.
    func clientClaims() -> [String: JSONValue] {
        [
            "iss": .string(issuer), "sub": .string("diary"), "aud": .string("diary"), "client_id": .string("diary"),
            "exp": .integer(now.seconds + 300), "iat": .integer(now.seconds), "jti": .string("jti_client"),
            "scope": .string("diary"),
        ]
    }

    /// An ID token's claims for client `diary`.
    func idClaims(nonce: String?) -> [String: JSONValue] {
        var claims: [String: JSONValue] = [
            "iss": .string(issuer), "sub": .string("acc_guardian"), "aud": .string("diary"),
            "exp": .integer(now.seconds + 300), "iat": .integer(now.seconds), "auth_time": .integer(now.seconds),
            "amr": .array([.string("pwd")]), "acr": .string("1"), "sid": .string("ses_abc"),
        ]
        if let nonce { claims["nonce"] = .string(nonce) }
        return claims
    }

    static func student(_ id: String, relation: String, services: [String], grant: String) -> JSONValue {
        .object(["id": .string(id), "relation": .string(relation), "services": .array(services.map { .string($0) }),
                 "grant": .string(grant)])
    }

    /// Signs `claims` properly (`alg` and `kid` from the key).
    func sign(_ claims: [String: JSONValue], type: String? = "at+jwt", extraHeader: [String: JSONValue] = [:],
              key: SigningKey) throws -> String
    {
        try JWS.sign(payload: Self.json(.object(claims)), type: type, extraHeader: extraHeader, key: key)
    }

    /// Builds a compact JWS from an arbitrary header and signature (for forgeries).
    static func forge(header: [String: JSONValue], claims: [String: JSONValue],
                      signature: (_ signingInput: [UInt8]) -> [UInt8]) -> String
    {
        let signingInput = Base64URL.encode(json(.object(header))) + "." + Base64URL.encode(json(.object(claims)))
        return signingInput + "." + Base64URL.encode(signature(Array(signingInput.utf8)))
    }

    static func json(_ value: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try! encoder.encode(value))
    }
}
