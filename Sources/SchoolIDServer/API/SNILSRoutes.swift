import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The SNILS of accounts: `GET|PUT|DELETE /v1/me/snils` (the person, `declared`) and
/// `GET|PUT /v1/accounts/{account_id}/snils` (staff who manage the account, `verified`).
struct SNILSRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.GET, Routes.mySNILS) { try await mine($0) }
        router.add(.PUT, Routes.mySNILS) { try await declare($0) }
        router.add(.DELETE, Routes.mySNILS) { try await clear($0) }
        router.add(.GET, Routes.accountSNILS) { try await account($0) }
        router.add(.PUT, Routes.accountSNILS) { try await verify($0) }
    }

    private struct SNILSBody: Decodable { let snils: String }

    /// What every SNILS answer carries: the number as written, who vouched for it, when.
    private struct RecordBody: Encodable {
        let snils: String
        let status: String
        let updatedAt: Int64
        enum CodingKeys: String, CodingKey { case snils, status, updatedAt = "updated_at" }

        init(_ record: AccountSNILS, _ snils: SNILS) {
            self.snils = snils.formatted
            status = record.status.rawValue
            updatedAt = record.updatedAt.seconds
        }
    }

    /// The typed number; a bad one answers `snils_invalid` naming the field, before any work.
    private static func parse(_ request: Request) throws -> SNILS {
        let body = try JSONBody.decode(SNILSBody.self, from: request)
        do {
            return try SNILS(parsing: body.snils)
        } catch {
            throw APIError(error.code, field: "snils", detail: error.detail)
        }
    }

    private func answer(_ found: (record: AccountSNILS, snils: SNILS)?) throws -> Response {
        guard let found else { throw APIError(.notFound, detail: "the account has no SNILS") }
        return .json(RecordBody(found.record, found.snils))
    }

    private func mine(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        return try answer(try await context.snils.read(by: .person(actor), accountID: actor.account.id))
    }

    private func declare(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let snils = try Self.parse(request)
        let record = try await context.snils.declare(actor: actor, snils: snils,
                                                     context: APIContext.requestContext(request))
        return .json(RecordBody(record, snils))
    }

    private func clear(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        try await context.snils.clear(actor: actor, context: APIContext.requestContext(request))
        return Response(status: .noContent)
    }

    private func account(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        return try answer(try await context.snils.read(by: .person(actor), accountID: try request.identifier("account_id")))
    }

    private func verify(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let accountID: Account.ID = try request.identifier("account_id")
        let snils = try Self.parse(request)
        let record = try await context.snils.verify(by: .person(actor), accountID: accountID, snils: snils,
                                                    context: APIContext.requestContext(request))
        return .json(RecordBody(record, snils))
    }
}
