import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// Account deletion (issue 8): a guardian deletes their own account, a school admin
/// (or platform admin) a student's. Both need a step-up; the data is crypto-shredded
/// (``AccountDeletionService``).
struct AccountDeletionRoutes: Sendable {
    let context: APIContext

    var deletion: AccountDeletionService { AccountDeletionService(environment: context.environment) }

    func register(in router: inout Router) {
        router.add(.DELETE, Routes.me) { try await deleteMe($0) }
        router.add(.DELETE, Routes.account) { try await deleteAccount($0) }
    }

    /// `DELETE /v1/me` → 204: the session is revoked with every other one.
    private func deleteMe(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        try await deletion.deleteSelf(actor: actor, context: APIContext.requestContext(request))
        return Response(status: .noContent)
    }

    /// `DELETE /v1/accounts/:account_id` → 204 (students only).
    private func deleteAccount(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        try await deletion.deleteStudent(actor: .person(actor), studentID: try request.identifier("account_id"),
                                         context: APIContext.requestContext(request))
        return Response(status: .noContent)
    }
}
