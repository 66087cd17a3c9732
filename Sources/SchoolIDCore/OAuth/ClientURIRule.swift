import Foundation

/// The rules for a client's redirect and post-logout redirect URIs.
///
/// - Absolute, `https`, or `http` to a loopback host only (RFC 8252 §7.3 and §8.3;
///   RFC 9700 §2.6: no plain `http` elsewhere).
/// - No fragment (RFC 6749 §3.1.2), no user information, at most 2,000 bytes of
///   printable ASCII so that the exact-string match is unambiguous (RFC 9700 §4.1.3).
enum ClientURIRule {
    /// The longest URI accepted.
    static let maximumLength = 2_000

    /// Checks each URI and refuses repeats.
    /// - Parameter field: the member name the error detail uses.
    /// - Throws: `DomainError(.clientInvalid)` naming the field and the rule.
    /// - Returns: the URIs unchanged, in order.
    static func validated(_ uris: [String], field: String) throws(DomainError) -> [String] {
        guard uris.count <= ClientRegistration.maximumRedirectURIs else {
            throw DomainError(.clientInvalid, detail: "at most \(ClientRegistration.maximumRedirectURIs) of \(field)")
        }
        guard Set(uris).count == uris.count else { throw DomainError(.clientInvalid, detail: "\(field) repeated") }
        for uri in uris {
            if let rule = violation(uri) { throw DomainError(.clientInvalid, detail: "\(field) \(rule)") }
        }
        return uris
    }

    /// The rule `uri` breaks, or `nil` when it is acceptable.
    static func violation(_ uri: String) -> String? {
        guard (1...maximumLength).contains(uri.utf8.count), uri.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return "must be 1-\(maximumLength) printable ASCII characters"
        }
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else { return "must be an absolute URI with a host" }
        if components.fragment != nil || uri.contains("#") { return "must not have a fragment" }
        if components.user != nil || components.password != nil { return "must not carry user information" }
        switch scheme {
        case "https": return nil
        case "http": return isLoopback(host) ? nil : "may use http only to a loopback host"
        default: return "must use https (or http to a loopback host)"
        }
    }

    /// `localhost`, `127.0.0.0/8` or `[::1]` (RFC 8252 §7.3; RFC 6761 §6.3).
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && UInt8(part) != nil
        }
    }
}
