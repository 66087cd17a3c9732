import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SchoolIDBase
import SchoolIDJOSE
import Synchronization

/// An answer of SchoolID's JSON API.
struct APIAnswer: Sendable {
    let status: Int
    let json: [String: JSONValue]

    /// The error code of SchoolID's error shape (`{"error": "<code>", …}`).
    var errorCode: String? {
        if case .string(let code)? = json["error"] { return code }
        return nil
    }

    /// The string member `key`.
    func string(_ key: String) -> String? {
        if case .string(let value)? = json[key] { return value }
        return nil
    }
}

/// The demo's own calls to SchoolID's acknowledgement API, authenticated with an access
/// token of its `client_credentials` grant (RFC 6749 §4.4) with scope `ack:request`,
/// cached until shortly before it expires.
final class AcknowledgementClient: Sendable {
    /// The scope the acknowledgement API requires.
    static let scope = "ack:request"

    private let client: SchoolIDClient
    private let configuration: DiaryDemoConfiguration
    private let cached = Mutex<(token: String, until: UnixTime)?>(nil)

    init(client: SchoolIDClient, configuration: DiaryDemoConfiguration) {
        self.client = client
        self.configuration = configuration
    }

    /// `POST /v1/acknowledgements`: asks the student's guardians to sign `note`.
    func request(_ note: TeacherNote, student: String, digest: String) async throws -> APIAnswer {
        let body: JSONValue = .object([
            "student": .string(student), "document": .string(note.documentID), "title": .string(note.title),
            "digest": .string(digest),
        ])
        return try await send("POST", "/v1/acknowledgements", body: body)
    }

    /// `GET /v1/acknowledgements?student=…`: the demo's requests about `student`, oldest first.
    func list(student: String) async throws -> [[String: JSONValue]] {
        let answer = try await send("GET", "/v1/acknowledgements?student=" + PercentEncoding.encodeUnreserved(student))
        guard answer.status == 200, case .array(let items)? = answer.json["acknowledgements"] else {
            throw ProviderUnavailable(reason: "acknowledgement list answered \(answer.status)")
        }
        return items.compactMap { if case .object(let item) = $0 { item } else { nil } }
    }

    /// `GET /v1/acknowledgements/{id}` (with `receipt` and `proof` once signed); the raw
    /// body too, for `InclusionProof(json:)`.
    func show(_ id: String) async throws -> (answer: APIAnswer, body: [UInt8]) {
        let (status, body) = try await exchange("GET", "/v1/acknowledgements/" + PercentEncoding.encodeUnreserved(id),
                                                body: nil)
        return (Self.answer(status, body), body)
    }

    private func send(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> APIAnswer {
        let (status, data) = try await exchange(method, path, body: body)
        return Self.answer(status, data)
    }

    private static func answer(_ status: Int, _ body: [UInt8]) -> APIAnswer {
        guard case .object(let members)? = try? JSONValue(parsing: body) else { return APIAnswer(status: status, json: [:]) }
        return APIAnswer(status: status, json: members)
    }

    /// One call with the client token; a `401` (token revoked or expired early) fetches a
    /// new token and retries once.
    private func exchange(_ method: String, _ path: String, body: JSONValue?) async throws -> (Int, [UInt8]) {
        var base = configuration.issuer
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + path) else { throw ProviderUnavailable(reason: "API URL") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONEncoder().encode(body)
        }
        for attempt in 0..<2 {
            request.setValue("Bearer " + (try await token(fresh: attempt > 0)), forHTTPHeaderField: "Authorization")
            let data: Data, response: URLResponse
            do {
                (data, response) = try await client.session.data(for: request)
            } catch {
                throw ProviderUnavailable(reason: "\(method) \(path) unreachable")
            }
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if status != 401 || attempt > 0 { return (status, Array(data)) }
        }
        throw ProviderUnavailable(reason: "unreachable")
    }

    /// The cached client token, or a new one from the token endpoint.
    private func token(fresh: Bool) async throws -> String {
        let now = configuration.clock.now()
        if !fresh, let held = cached.withLock({ $0 }), held.until > now { return held.token }
        let tokens: TokenEndpointResponse
        do {
            tokens = try await client.token([("grant_type", "client_credentials"), ("scope", Self.scope)])
        } catch let refusal as TokenEndpointRefusal {
            throw ProviderUnavailable(reason: "client_credentials refused: \(refusal.error)")
        }
        let lifetime = max(0, (tokens.expiresIn ?? 60) - 30)
        cached.withLock { $0 = (tokens.accessToken, now.adding(seconds: lifetime)) }
        return tokens.accessToken
    }
}
