import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// Issuing child logins: roster upload (JSON, or CSV as `text/csv`), batch progress,
/// the one-time CSV, and reissue of one student's temporary password.
struct CredentialRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.POST, Routes.classCredentialBatches) { try await create($0) }
        router.add(.GET, Routes.credentialBatch) { try await progress($0) }
        router.add(.GET, Routes.credentialBatchCSV) { try await csv($0) }
        router.add(.POST, Routes.studentTemporaryPassword) { try await reissue($0) }
    }

    struct BatchBody: Encodable {
        let id: String
        let classID: String
        let status: String
        let total: Int
        let completed: Int
        let failure: String?
        let purgeAt: Int64?
        let links: [String: String]
        enum CodingKeys: String, CodingKey {
            case id, classID = "class_id", status, total, completed, failure, purgeAt = "purge_at", links
        }

        init(_ batch: CredentialBatch) {
            id = batch.id.rawValue
            classID = batch.classID.rawValue
            status = batch.status.rawValue
            total = batch.total
            completed = batch.completed
            failure = batch.failureCode
            purgeAt = batch.purgeAt?.seconds
            links = [
                "self": Routes.path(Routes.credentialBatch, "batch_id", batch.id.rawValue),
                "csv": Routes.path(Routes.credentialBatchCSV, "batch_id", batch.id.rawValue),
                "slips": Routes.path(Routes.batchSlipsPage, "batch_id", batch.id.rawValue),
            ]
        }
    }

    private func create(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let classID: SchoolClass.ID = try request.identifier("class_id")
        let roster: [AccountProfile]
        if JSONBody.isJSON(request) {
            roster = try Roster.parseJSON(request.body)
        } else if request.headers["Content-Type"]?.lowercased().hasPrefix("text/csv") == true {
            roster = try Roster.parseCSV(request.body)
        } else {
            throw APIError(.unsupportedMediaType)
        }
        let batch = try await context.batchRunner.submit(by: .person(actor), classID: classID, roster: roster,
                                                         context: APIContext.requestContext(request))
        var headers = HTTPHeaders()
        headers.set("Location", BatchBody(batch).links["self"]!)
        return .json(BatchBody(batch), status: .accepted, headers: headers)
    }

    private func progress(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        return .json(BatchBody(try await context.batches.batch(by: .person(actor), id: try request.identifier("batch_id"))))
    }

    private func csv(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let id: CredentialBatch.ID = try request.identifier("batch_id")
        let (schoolClass, school, issued) = try await context.batches.download(
            .csv, by: .person(actor), id: id, context: APIContext.requestContext(request))
        return CredentialCSV.response(schoolClass: schoolClass, school: school, batchID: id, issued: issued)
    }

    /// A temporary password handed out once (reissue, staff-assisted reset).
    struct ReissueBody: Encodable {
        let accountID: String
        let login: String?
        let temporaryPassword: String
        let expiresAt: Int64
        enum CodingKeys: String, CodingKey {
            case accountID = "account_id", login, temporaryPassword = "temporary_password", expiresAt = "expires_at"
        }
    }

    private func reissue(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let (student, temporary) = try await context.batches.reissue(
            by: .person(actor), studentID: try request.identifier("account_id"), context: APIContext.requestContext(request))
        return .json(ReissueBody(accountID: student.id.rawValue, login: student.login?.rawValue,
                                 temporaryPassword: temporary.text, expiresAt: temporary.expiresAt.seconds))
    }
}
