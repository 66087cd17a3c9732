import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET /v1/consent` (the current consent text, public), `GET /v1/me/consents` (the
/// consents the person gave and those about them) and `POST /v1/me/consents` (give
/// consent to the current text; issue 8, 152-FZ art. 9).
///
/// `POST /v1/me/consents` accepts a logged-in session, or — only as `Authorization:
/// Bearer` — the consent ticket of a login (``Session/Purpose/consent``): then the
/// answer is the session of that login, like a successful `POST /v1/login`.
struct ConsentRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.GET, Routes.consent) { try await text($0) }
        router.add(.GET, Routes.myConsents) { try await list($0) }
        router.add(.POST, Routes.myConsents) { try await give($0) }
    }

    private struct TextBody: Encodable {
        let version: Int
        let language: String
        let operatorName: String
        let text: String
        enum CodingKeys: String, CodingKey { case version, language, operatorName = "operator", text }
    }

    /// The current text in the request's language (`Accept-Language`).
    private func text(_ request: Request) async throws -> Response {
        let policy = context.environment.policies.consent
        let language = request.pageLanguage
        return .json(TextBody(version: policy.currentTextVersion, language: language.rawValue,
                              operatorName: policy.operatorName(language), text: policy.text(language)))
    }

    private struct RecordBody: Encodable {
        let id: String
        let subjectID: String
        let givenBy: String
        let basis: String
        let textVersion: Int
        let channel: String
        let givenAt: Int64
        enum CodingKeys: String, CodingKey {
            case id, subjectID = "subject_id", givenBy = "given_by", basis, textVersion = "text_version", channel
            case givenAt = "given_at"
        }

        init(_ record: ConsentRecord) {
            id = record.id.rawValue
            subjectID = record.subjectID.rawValue
            givenBy = record.givenBy.rawValue
            basis = record.basis.rawValue
            textVersion = record.textVersion
            channel = record.channel.rawValue
            givenAt = record.givenAt.seconds
        }
    }

    private struct ListBody: Encodable {
        let currentVersion: Int
        let consents: [RecordBody]
        enum CodingKeys: String, CodingKey { case currentVersion = "current_version", consents }
    }

    private func list(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let records = try await context.consent.records(of: actor)
        return .json(ListBody(currentVersion: context.environment.policies.consent.currentTextVersion,
                              consents: records.map(RecordBody.init)))
    }

    private struct GiveBody: Decodable { let version: Int }

    private struct RecordedBody: Encodable {
        let status = "consent_recorded"
        let version: Int
    }

    /// 200 with the session (consent ticket) or `consent_recorded` (session);
    /// 409 `consent_outdated` for another version.
    private func give(_ request: Request) async throws -> Response {
        let actor = try await consentActor(request)
        let body = try JSONBody.decode(GiveBody.self, from: request)
        let issued = try await context.consent.accept(actor: actor, version: body.version, channel: .api,
                                                      context: APIContext.requestContext(request))
        guard let issued else { return .json(RecordedBody(version: body.version)) }
        var response = Response.json(AccessRoutes.SessionBody.session(issued), headers: context.sessionHeaders(issued))
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// A consent ticket as `Authorization: Bearer`, else a logged-in session (``RequestAuthenticator/apiActor(_:)``).
    private func consentActor(_ request: Request) async throws -> Actor {
        if let bearer = RequestAuthenticator.bearerToken(request) {
            let token = SessionToken(presented: bearer)
            if let actor = try? await context.sessions.authenticate(token, purpose: .consent) { return actor }
        }
        return try await context.authenticator.apiActor(request)
    }
}
