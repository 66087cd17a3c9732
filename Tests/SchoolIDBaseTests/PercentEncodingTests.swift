import SchoolIDBase
import Testing

@Suite struct PercentEncodingTests {
    @Test("only RFC 3986 unreserved characters stay; every other UTF-8 byte becomes upper-case %XX", arguments: [
        ("AZaz09-._~", "AZaz09-._~"),
        ("a b+c&d=e/f?g#h%", "a%20b%2Bc%26d%3De%2Ff%3Fg%23h%25"),
        ("Дн", "%D0%94%D0%BD"),
        ("", ""),
    ])
    func encodes(input: String, expected: String) {
        #expect(PercentEncoding.encodeUnreserved(input) == expected)
    }
}
