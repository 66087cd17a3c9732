public import Foundation

/// Fetches the issuer's public documents: the discovery document and the JWKS.
///
/// The default is ``URLSessionJWKSFetcher``; tests and services with their own HTTP stack
/// inject another. Implementations must refuse URLs that are neither `https` nor `http`
/// to a loopback host (``VerificationError/insecureURL``) and must not follow redirects
/// to such URLs.
public protocol JWKSFetcher: Sendable {
    /// Fetches `url` with `GET`.
    /// - Parameter url: the discovery or JWKS URL.
    /// - Returns: the body of a `200` answer and its cache lifetime.
    /// - Throws: ``VerificationError/insecureURL`` for a URL it must not fetch; any error
    ///   for a transport failure or another status.
    func fetch(_ url: URL) async throws -> FetchedDocument
}

/// A document a ``JWKSFetcher`` fetched.
public struct FetchedDocument: Sendable, Hashable {
    /// The response body.
    public var body: [UInt8]
    /// The freshness lifetime in seconds from `Cache-Control` (RFC 9111 §5.2.2.1
    /// `max-age`; `no-store` and `no-cache` count as 0), or `nil` when it says nothing.
    public var maxAge: Int64?

    /// Creates a document.
    public init(body: [UInt8], maxAge: Int64? = nil) {
        self.body = body
        self.maxAge = maxAge
    }
}

extension FetchedDocument {
    /// The freshness lifetime a `Cache-Control` header value grants (RFC 9111 §5.2.2).
    ///
    /// `no-store` or `no-cache` → 0; otherwise the first well-formed `max-age=N` (quoted or
    /// not); `nil` when neither appears. Directive names are case-insensitive.
    /// - Parameter header: the field value, e.g. `public, max-age=300`.
    public static func maxAge(cacheControl header: String?) -> Int64? {
        guard let header else { return nil }
        var maxAge: Int64?
        for directive in header.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1)
            let name = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
            if name == "no-store" || name == "no-cache" { return 0 }
            guard name == "max-age", maxAge == nil, parts.count == 2 else { continue }
            var value = parts[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { continue }
            // RFC 9111 §1.2.2: a delta-seconds too large to hold is the largest one held.
            maxAge = Int64(value) ?? Int64.max
        }
        return maxAge
    }

    /// Whether `url` may be fetched: `https`, or `http` to a loopback host (127.0.0.0/8,
    /// `::1`, `localhost`), the rule the issue sets for issuers and JWKS URLs.
    public static func isAllowed(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return false }
        if scheme == "https" { return true }
        return scheme == "http" && isLoopback(host: host)
    }

    static func isLoopback(host: String) -> Bool {
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            guard let value = UInt8(octet), String(value) == octet else { return false }
            return true
        }
    }
}
