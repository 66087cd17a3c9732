@testable import SchoolIDJOSE
import SchoolIDBase
import Testing

@Suite struct CompactJWSTests {
    /// `{"alg":"ES256"}` and a payload/signature that decode fine.
    static let es256Header = "eyJhbGciOiJFUzI1NiJ9"

    static func compact(header: String) -> String {
        compact(headerJSON: header)
    }

    static func compact(headerJSON: String, payload: String = "e30", signature: String = "AAAA") -> String {
        Base64URL.encode(Array(headerJSON.utf8)) + "." + payload + "." + signature
    }

    @Test("parses a well-formed compact JWS and keeps the signing input")
    func parses() throws {
        let text = Self.compact(headerJSON: #"{"alg":"ES256","kid":"k1","typ":"at+jwt","x-extra":1}"#)
        let jws = try CompactJWS(text, maximumLength: 16 * 1024)
        #expect(jws.header.algorithm == .ES256)
        #expect(jws.header.keyID == "k1")
        #expect(jws.header.type == "at+jwt")
        #expect(jws.header.extra == ["x-extra": .integer(1)])
        #expect(jws.payload == Array("{}".utf8))
        #expect(jws.signature == [0, 0, 0])
        #expect(String(decoding: jws.signingInput, as: UTF8.self) == text.split(separator: ".")[0...1].joined(separator: "."))
    }

    @Test("rejects a wrong number of parts", arguments: [
        "", "e30", "e30.e30", "\(es256Header).e30.AAAA.AAAA", "\(es256Header).e30.AAAA.", "...",
    ])
    func wrongPartCount(_ text: String) {
        #expect(throws: JOSEError.malformed) { try CompactJWS(text, maximumLength: 16 * 1024) }
    }

    @Test("rejects non-canonical base64url: padding, standard alphabet, spaces, bad length, empty parts", arguments: [
        "\(es256Header)==.e30.AAAA",
        "\(es256Header).e30=.AAAA",
        "\(es256Header).e30.AAAA==",
        "\(es256Header).e3+.AAAA",
        "\(es256Header).e30.AA/A",
        "\(es256Header).e30.AA A",
        "\(es256Header).e30.AAAAA",
        "\(es256Header).e31.AAAA",
        ".e30.AAAA",
        "\(es256Header).e30.",
    ])
    func malformedBase64URL(_ text: String) {
        #expect(throws: JOSEError.malformed) { try CompactJWS(text, maximumLength: 16 * 1024) }
    }

    @Test("rejects input longer than the limit before decoding it")
    func oversized() throws {
        let text = Self.compact(headerJSON: #"{"alg":"ES256"}"#, payload: String(repeating: "A", count: 20_000))
        #expect(throws: JOSEError.oversized) { try CompactJWS(text, maximumLength: 16 * 1024) }
        #expect(throws: JOSEError.oversized) { try CompactJWS("not even a jws", maximumLength: 4) }
        _ = try CompactJWS(text, maximumLength: 32 * 1024)
    }

    @Test("rejects algorithms off the allow-list", arguments: [
        #"{"alg":"none"}"#, #"{"alg":"HS256"}"#, #"{"alg":"RS512"}"#, #"{"alg":"es256"}"#, #"{"alg":"PS256"}"#, #"{"typ":"JWT"}"#,
    ])
    func unsupportedAlgorithm(_ header: String) {
        #expect(throws: JOSEError.unsupportedAlgorithm) { try CompactJWS(Self.compact(header: header), maximumLength: 16 * 1024) }
    }

    @Test("rejects an unsigned alg:none token with an empty signature part")
    func unsecuredJWS() {
        let text = Self.compact(headerJSON: #"{"alg":"none"}"#).dropLast(4)
        #expect(throws: JOSEError.malformed) { try CompactJWS(String(text), maximumLength: 16 * 1024) }
        #expect(throws: JOSEError.unsupportedAlgorithm) {
            try CompactJWS(Self.compact(headerJSON: #"{"alg":"none"}"#), maximumLength: 16 * 1024)
        }
    }

    @Test("rejects any crit header, even one naming a known parameter", arguments: [
        #"{"alg":"ES256","crit":["exp"],"exp":1}"#, #"{"alg":"ES256","crit":[]}"#, #"{"crit":["b64"],"alg":"none"}"#,
    ])
    func critical(_ header: String) {
        #expect(throws: JOSEError.criticalHeader) { try CompactJWS(Self.compact(header: header), maximumLength: 16 * 1024) }
    }

    @Test("rejects headers that are not a JSON object or whose members have the wrong type", arguments: [
        #"["alg","ES256"]"#, #"{"alg":"none","alg":"ES256"}"#, #"{"alg":"ES256""#, #"{"alg":256}"#, #"{"alg":"ES256","kid":7}"#, #"{"alg":"ES256","typ":null}"#, "",
    ])
    func malformedHeader(_ header: String) {
        #expect(throws: JOSEError.malformed) { try CompactJWS(Self.compact(header: header), maximumLength: 16 * 1024) }
    }
}
