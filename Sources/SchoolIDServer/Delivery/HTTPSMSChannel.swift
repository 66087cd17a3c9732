import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SchoolIDBase
import SchoolIDCore

/// SMS through an HTTP gateway, the way SMS aggregators take them: one JSON POST per
/// message.
///
/// The request:
/// ```
/// POST <sms_gateway_url>
/// Authorization: Bearer <sms_gateway_token>
/// Idempotency-Key: msg_…
/// Content-Type: application/json
///
/// {"id": "msg_…", "text": "…", "to": "+79161234567"}
/// ```
/// The body's shape comes from an ``SMSBodyTemplate`` (`sms_gateway_body_template`); the
/// one above is ``SMSBodyTemplate/standard``.
/// Outcomes: 2xx delivered; 5xx, 408, 429, a timeout (10 s) or a connection error are
/// retryable; any other status is permanent (a 4xx means the request itself is wrong,
/// so sending it again only costs money). The gateway's response body is not read into
/// errors: it may echo the number or the text.
public final class HTTPSMSChannel: MessageChannel {
    private let url: URL
    private let token: Secret<String>
    private let session: URLSession
    private let bodyTemplate: SMSBodyTemplate

    /// - Parameters:
    ///   - url: the gateway endpoint.
    ///   - token: the bearer token.
    ///   - timeout: the limit for one attempt, connection included.
    ///   - bodyTemplate: the JSON body's shape.
    public init(url: URL, token: Secret<String>, timeout: Duration = .seconds(10),
                bodyTemplate: SMSBodyTemplate = .standard)
    {
        self.url = url
        self.token = token
        self.bodyTemplate = bodyTemplate
        let seconds = timeout.secondsValue
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ message: OutgoingMessage) async -> DeliveryResult {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token.unredacted)", forHTTPHeaderField: "Authorization")
        request.setValue(message.id.rawValue, forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = Data(bodyTemplate.render(to: message.destination, text: message.body, id: message.id.rawValue))
        do {
            let (_, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { return .retryable("not an HTTP response") }
            return Self.classify(status: http.statusCode)
        } catch let error as URLError {
            return .retryable(error.code == .timedOut ? "gateway timed out" : "transport error (URLError \(error.code.rawValue))")
        } catch {
            return .retryable("transport error")
        }
    }

    /// The outcome of a gateway status code.
    static func classify(status: Int) -> DeliveryResult {
        switch status {
        case 200..<300: .delivered
        case 408, 429, 500..<600: .retryable("gateway answered \(status)")
        default: .permanent("gateway answered \(status)")
        }
    }
}
