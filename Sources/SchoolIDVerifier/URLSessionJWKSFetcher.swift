public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default ``JWKSFetcher``: FoundationNetworking `URLSession`, ephemeral, no cookies,
/// no URL cache (the verifier caches itself, honouring `Cache-Control: max-age`).
///
/// Refuses any URL that is not `https` or `http` to a loopback host, never follows a
/// redirect (an attacker who can redirect the JWKS would choose the keys), accepts only
/// `200`, and bounds the body to ``maximumBodySize`` bytes.
public final class URLSessionJWKSFetcher: JWKSFetcher {
    /// The largest document accepted, in bytes (a JWKS with dozens of RSA keys fits).
    public let maximumBodySize: Int
    private let session: URLSession

    /// Creates the fetcher.
    /// - Parameters:
    ///   - timeout: the limit for one fetch, connection included.
    ///   - maximumBodySize: the largest accepted body in bytes.
    public init(timeout: Duration = .seconds(10), maximumBodySize: Int = 256 * 1024) {
        self.maximumBodySize = maximumBodySize
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    /// Fetches `url`.
    /// - Throws: ``VerificationError/insecureURL`` before any connection for a URL that is
    ///   not allowed; ``VerificationError/jwksUnavailable`` with a safe detail for a
    ///   transport error, a status other than 200 (redirects included) or an oversized body.
    public func fetch(_ url: URL) async throws -> FetchedDocument {
        guard FetchedDocument.isAllowed(url) else {
            throw VerificationError(.insecureURL, detail: "only https, or http to a loopback host, is fetched")
        }
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let data: Data, response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch let error as URLError {
            throw VerificationError(.jwksUnavailable, detail: "transport error (URLError \(error.code.rawValue))")
        }
        guard let http = response as? HTTPURLResponse else { throw VerificationError(.jwksUnavailable, detail: "not HTTP") }
        guard http.statusCode == 200 else {
            throw VerificationError(.jwksUnavailable, detail: "the server answered \(http.statusCode)")
        }
        guard data.count <= maximumBodySize else { throw VerificationError(.jwksUnavailable, detail: "document too large") }
        let cacheControl = http.value(forHTTPHeaderField: "Cache-Control")
        return FetchedDocument(body: Array(data), maxAge: FetchedDocument.maxAge(cacheControl: cacheControl))
    }
}

/// Answers every redirect with "do not follow": the 3xx itself becomes the response.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void)
    {
        completionHandler(nil)
    }
}
