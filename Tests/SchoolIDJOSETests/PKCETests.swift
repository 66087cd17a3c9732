import SchoolIDJOSE
import SchoolIDTesting
import Testing

@Suite struct PKCETests {
    struct AppendixB: Decodable {
        struct Example: Decodable {
            let verifier: String
            let challenge: String
            enum CodingKeys: String, CodingKey { case verifier = "code_verifier", challenge = "code_challenge" }
        }
        let example: Example
        enum CodingKeys: String, CodingKey { case example = "# Appendix B.  Example for the S256 code_challenge_method" }
    }

    static func vector() throws -> AppendixB.Example {
        try Fixtures.decode(AppendixB.self, from: "rfc7636/appendix-b.json").example
    }

    @Test("RFC 7636 Appendix B S256 challenge")
    func appendixB() throws {
        let vector = try Self.vector()
        #expect(try PKCE.codeChallenge(for: vector.verifier) == vector.challenge)
        #expect(PKCE.verify(verifier: vector.verifier, challenge: vector.challenge))
    }

    @Test("rejects a verifier that does not match the challenge")
    func mismatch() throws {
        let vector = try Self.vector()
        #expect(!PKCE.verify(verifier: "A" + vector.verifier.dropFirst(), challenge: vector.challenge))
        #expect(!PKCE.verify(verifier: vector.verifier, challenge: vector.challenge.dropLast() + "d"))
        #expect(!PKCE.verify(verifier: vector.verifier, challenge: vector.challenge + "="))
        #expect(!PKCE.verify(verifier: vector.verifier, challenge: ""))
    }

    @Test("rejects verifiers outside RFC 7636 §4.1 syntax", arguments: [
        String(repeating: "a", count: 42), String(repeating: "a", count: 129),
        String(repeating: "a", count: 42) + "+", String(repeating: "a", count: 42) + "=", String(repeating: "é", count: 43),
    ])
    func invalidVerifier(_ verifier: String) {
        #expect(throws: JOSEError.malformed) { try PKCE.codeChallenge(for: verifier) }
        #expect(!PKCE.isValidVerifier(verifier))
    }

    @Test("accepts the whole unreserved alphabet at both length bounds")
    func validVerifiers() {
        #expect(PKCE.isValidVerifier(String(repeating: "a", count: 43)))
        #expect(PKCE.isValidVerifier(String(repeating: "Z9-._~", count: 21) + "xy"))
    }
}
