import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// What every request goes through between the socket layer and a handler: request id,
/// client address, language, routing, the one error shape, security headers, metrics
/// and the access log.
struct RequestPipeline: Sendable {
    let router: Router
    let resolver: ClientAddressResolver
    let metrics: Metrics
    let logger: Logger
    let random: any RandomSource
    /// Maps writes the database refused to `503 storage_unavailable`, logging each burst once.
    let storageFaults: StorageFaultReporter

    /// Answers one request; never throws (errors become the error shape).
    func handle(_ incoming: Request) async -> Response {
        let started = ContinuousClock.now
        var request = incoming
        request.requestID = random.token(bytes: 12)
        request.remoteAddress = resolver.clientAddress(peer: incoming.remoteAddress,
                                                       forwarded: incoming.headers.values(for: "Forwarded"),
                                                       xForwardedFor: incoming.headers.values(for: "X-Forwarded-For"))
        let language = MessageLanguage.negotiate(acceptLanguage: request.headers["Accept-Language"])
        var response: Response
        switch router.match(method: request.method, path: request.path) {
        case .found(let handler, let parameters, let template):
            request.pathParameters = parameters
            request.routeTemplate = template
            response = await run(handler, request, language)
        case .notFound where PageFallback.servesHTML(path: request.path):
            response = PageFallback.notFound(request)
        case .notFound:
            response = ErrorResponse.render(APIError(.notFound), language: language, requestID: request.requestID)
        case .methodNotAllowed(let allowed) where PageFallback.servesHTML(path: request.path):
            response = PageFallback.methodNotAllowed(request, allowed: allowed)
        case .methodNotAllowed(let allowed):
            var headers = HTTPHeaders()
            headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
            response = ErrorResponse.render(APIError(.methodNotAllowed, headers: headers), language: language,
                                            requestID: request.requestID)
        }
        Self.addStandardHeaders(&response, requestID: request.requestID)
        let elapsed = started.duration(to: .now)
        let seconds = elapsed.secondsValue
        let route = request.routeTemplate ?? "unmatched"
        metrics.record(route: route, method: request.method.rawValue, status: response.status.code, seconds: seconds)
        logger.info("request", [
            "method": .string(request.method.rawValue), "route": .string(route), "status": .int(Int64(response.status.code)),
            "bytes": .int(Int64(response.body.count)), "duration_ms": .string(Self.milliseconds(elapsed)),
            "request_id": .string(request.requestID), "client": .string(request.remoteAddress),
        ])
        return response
    }

    private func run(_ handler: Handler, _ request: Request, _ language: MessageLanguage) async -> Response {
        do {
            return try await handler(request)
        } catch let error as APIError {
            return ErrorResponse.render(error, language: language, requestID: request.requestID)
        } catch let error as DomainError {
            return ErrorResponse.render(APIError(error.code, detail: error.detail), language: language,
                                        requestID: request.requestID)
        } catch let error as ThrottleError {
            var headers = HTTPHeaders()
            headers.set("Retry-After", String(error.retryAfterSeconds))
            return ErrorResponse.render(APIError(error.code, status: .tooManyRequests, headers: headers), language: language,
                                        requestID: request.requestID)
        } catch let error as BlockingWorkPool.Saturated {
            var headers = HTTPHeaders()
            headers.set("Retry-After", String(error.retryAfterSeconds))
            return ErrorResponse.render(APIError(.serviceBusy, headers: headers), language: language,
                                        requestID: request.requestID)
        } catch {
            if let fault = storageFaults.apiError(for: error) {
                if PageFallback.servesHTML(path: request.path) { return PageFallback.error(request, fault) }
                return ErrorResponse.render(fault, language: language, requestID: request.requestID)
            }
            logger.error("unhandled error", ["request_id": .string(request.requestID), "error": .string(String(reflecting: error))])
            if PageFallback.servesHTML(path: request.path) { return PageFallback.serverError(request) }
            return ErrorResponse.render(APIError(.serverError), language: language, requestID: request.requestID)
        }
    }

    /// `12.345`: milliseconds with three decimals, without `String(format:)` (which goes
    /// through Foundation's formatter and costs more than routing the request).
    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// Headers on every response: the request id, `nosniff`, `no-referrer`, and
    /// `no-store` unless the handler chose a cache policy (only public material does).
    static func addStandardHeaders(_ response: inout Response, requestID: String) {
        response.headers.set("X-Request-ID", requestID)
        response.headers.set("X-Content-Type-Options", "nosniff")
        response.headers.set("Referrer-Policy", "no-referrer")
        if !response.headers.contains("Cache-Control") { response.headers.set("Cache-Control", "no-store") }
    }
}
