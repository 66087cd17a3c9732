import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SchoolIDBase
import SchoolIDVerifier
import Synchronization

/// The provider metadata the demo uses (OpenID Connect Discovery 1.0 §3, RFC 8414 §2).
struct ProviderMetadata: Decodable, Sendable {
    let issuer: String
    let authorizationEndpoint: String
    let tokenEndpoint: String
    /// RP-Initiated Logout 1.0 §2.1; absent until SchoolID serves `/oauth/logout`.
    let endSessionEndpoint: String?
    /// RFC 9207 §3: when true, every authorization response must carry `iss`.
    let authorizationResponseIssParameterSupported: Bool?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case endSessionEndpoint = "end_session_endpoint"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
    }
}

/// A successful token response (RFC 6749 §5.1; RFC 8693 §2.2.1 adds `issued_token_type`).
struct TokenEndpointResponse: Decodable, Sendable {
    let accessToken: String
    let tokenType: String
    let expiresIn: Int64?
    let refreshToken: String?
    let idToken: String?
    let scope: String?
    let issuedTokenType: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in"
        case refreshToken = "refresh_token", idToken = "id_token", scope, issuedTokenType = "issued_token_type"
    }
}

/// The token endpoint's refusal (RFC 6749 §5.2): `invalid_grant`, `invalid_scope`, ….
public struct TokenEndpointRefusal: Error, Hashable, Sendable, Decodable {
    /// The `error` code.
    public let error: String
    /// The `error_description`, if any.
    public let errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case error, errorDescription = "error_description"
    }
}

/// SchoolID could not be reached or answered something the demo cannot use; the page
/// says so without detail (the detail stays in ``reason`` for logs).
struct ProviderUnavailable: Error, Sendable {
    let reason: String
}

/// The demo's side of SchoolID's endpoints: discovery (once, checked against the
/// configured issuer, OIDC Discovery §4.3) and the token endpoint with
/// `client_secret_basic` (RFC 6749 §2.3.1: id and secret form-encoded, then Basic).
final class SchoolIDClient: Sendable {
    private let configuration: DiaryDemoConfiguration
    let session: URLSession
    private let cached = Mutex<ProviderMetadata?>(nil)

    init(configuration: DiaryDemoConfiguration) {
        self.configuration = configuration
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = 30
        sessionConfiguration.httpCookieAcceptPolicy = .never
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.urlCache = nil
        session = URLSession(configuration: sessionConfiguration, delegate: NoRedirects(), delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    /// The discovery document, fetched on first use.
    func metadata() async throws -> ProviderMetadata {
        if let metadata = cached.withLock({ $0 }) { return metadata }
        var base = configuration.issuer
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + "/.well-known/openid-configuration") else {
            throw ProviderUnavailable(reason: "issuer is not a URL")
        }
        let document: FetchedDocument
        do {
            document = try await configuration.fetcher.fetch(url)
        } catch {
            throw ProviderUnavailable(reason: "discovery failed: \(error)")
        }
        let metadata: ProviderMetadata
        do {
            metadata = try JSONDecoder().decode(ProviderMetadata.self, from: Data(document.body))
        } catch {
            throw ProviderUnavailable(reason: "discovery document malformed")
        }
        guard metadata.issuer == configuration.issuer else { throw ProviderUnavailable(reason: "discovery issuer differs") }
        for endpoint in [metadata.authorizationEndpoint, metadata.tokenEndpoint] + [metadata.endSessionEndpoint].compactMap({ $0 }) {
            guard let url = URL(string: endpoint), FetchedDocument.isAllowed(url) else {
                throw ProviderUnavailable(reason: "endpoint is neither https nor loopback http")
            }
        }
        cached.withLock { $0 = metadata }
        return metadata
    }

    /// `POST {token_endpoint}` with `form`.
    /// - Throws: ``TokenEndpointRefusal`` for an RFC 6749 §5.2 answer;
    ///   ``ProviderUnavailable`` for anything else that is not a 200 token response.
    func token(_ form: [(String, String)]) async throws -> TokenEndpointResponse {
        let metadata = try await metadata()
        guard let url = URL(string: metadata.tokenEndpoint) else { throw ProviderUnavailable(reason: "token endpoint") }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let credentials = PercentEncoding.encodeUnreserved(configuration.clientID) + ":"
            + PercentEncoding.encodeUnreserved(configuration.clientSecret.unredacted)
        request.setValue("Basic " + Data(credentials.utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        request.httpBody = Data(Self.formEncoded(form).utf8)
        let data: Data, response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw ProviderUnavailable(reason: "token endpoint unreachable")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if status == 200, let tokens = try? JSONDecoder().decode(TokenEndpointResponse.self, from: data) {
            return tokens
        }
        if (400...401).contains(status), let refusal = try? JSONDecoder().decode(TokenEndpointRefusal.self, from: data) {
            throw refusal
        }
        throw ProviderUnavailable(reason: "token endpoint answered \(status)")
    }

    /// `application/x-www-form-urlencoded` (every byte but RFC 3986 unreserved encoded).
    static func formEncoded(_ fields: [(String, String)]) -> String {
        fields.map { PercentEncoding.encodeUnreserved($0.0) + "=" + PercentEncoding.encodeUnreserved($0.1) }
            .joined(separator: "&")
    }
}

/// The token endpoint never redirects; a 3xx is answered as it is.
private final class NoRedirects: NSObject, URLSessionTaskDelegate {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void)
    {
        completionHandler(nil)
    }
}
