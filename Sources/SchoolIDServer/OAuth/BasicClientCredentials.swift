import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `client_secret_basic` (RFC 6749 §2.3.1): the client id and secret are each
/// `application/x-www-form-urlencoded`, joined by `:` and sent as HTTP Basic
/// credentials (RFC 7617 §2).
enum BasicClientCredentials {
    /// Parses an `Authorization` field value.
    /// - Throws: ``OAuthError`` `invalid_client` for another scheme, bad base64, no
    ///   colon, an empty id, or a bad form escape.
    /// - Returns: the credentials with method ``ClientCredentials/Method/clientSecretBasic``.
    static func parse(_ value: String) throws(OAuthError) -> ClientCredentials {
        let failure = OAuthError(.invalidClient, "malformed Basic credentials")
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else {
            throw OAuthError(.invalidClient, "unsupported client authentication scheme")
        }
        guard let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
        else { throw failure }
        do {
            let id = try PercentDecoding.decode(bytes: decoded[..<colon], plusAsSpace: true)
            let secret = try PercentDecoding.decode(bytes: decoded[(colon + 1)...], plusAsSpace: true)
            guard !id.isEmpty else { throw failure }
            return ClientCredentials(method: .clientSecretBasic, clientID: id, secret: Secret(secret))
        } catch {
            throw failure
        }
    }
}
