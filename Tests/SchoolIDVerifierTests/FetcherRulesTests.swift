import Foundation
@testable import SchoolIDVerifier
import Testing

/// The pure rules under ``URLSessionJWKSFetcher``: which URLs may be fetched and how
/// `Cache-Control` sets the cache lifetime.
@Suite struct FetcherRulesTests {
    @Test("https anywhere, http only to loopback", arguments: [
        ("https://id.school.example/jwks", true), ("http://127.0.0.1:8080/jwks", true), ("http://127.1.2.3/jwks", true),
        ("http://localhost/jwks", true), ("http://[::1]:9000/jwks", true), ("http://id.school.example/jwks", false),
        ("http://127.0.0.1.nip.io/jwks", false), ("http://10.0.0.1/jwks", false), ("ftp://127.0.0.1/jwks", false),
        ("file:///etc/passwd", false), ("http://0x7f000001/jwks", false),
    ])
    func allowedURLs(url: String, allowed: Bool) throws {
        #expect(FetchedDocument.isAllowed(try #require(URL(string: url))) == allowed)
    }

    @Test("the default fetcher refuses http off loopback without connecting")
    func fetcherRefusesHTTP() async {
        await #expect(throws: VerificationError.insecureURL) {
            try await URLSessionJWKSFetcher().fetch(URL(string: "http://schoolid.invalid/jwks")!)
        }
    }

    @Test("RFC 9111 §5.2.2 Cache-Control directives give the lifetime", arguments: [
        ("max-age=300", Int64(300)), ("public, max-age=60, must-revalidate", 60), ("MAX-AGE=\"15\"", 15),
        ("max-age=60, no-cache", 0), ("no-store", 0), ("max-age=-5", nil), ("max-age=abc", nil), ("private", nil),
        ("max-age=99999999999999999999", Int64.max),
    ] as [(String, Int64?)])
    func cacheControl(header: String, maxAge: Int64?) {
        #expect(FetchedDocument.maxAge(cacheControl: header) == maxAge)
    }
}
