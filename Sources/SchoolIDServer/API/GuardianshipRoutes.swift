import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// Guardians and children (issue 7): claiming a child, the children list, proposals
/// and their confirmation, link codes, unlinking, a child's password reset, and the
/// access view `GET /v1/me/access`. The rules live in ``GuardianshipService`` and
/// ``AccessDecision``.
struct GuardianshipRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.POST, Routes.myChildrenClaim) { try await claim($0) }
        router.add(.GET, Routes.myChildren) { try await children($0) }
        router.add(.POST, Routes.myChildTemporaryPassword) { try await resetChild($0) }
        router.add(.GET, Routes.myGuardianLinks) { try await links($0) }
        router.add(.POST, Routes.myGuardianLinkConfirm) { try await respond($0, confirm: true) }
        router.add(.POST, Routes.myGuardianLinkDecline) { try await respond($0, confirm: false) }
        router.add(.POST, Routes.studentLinkCodes) { try await issueCode($0) }
        router.add(.POST, Routes.studentGuardianProposals) { try await propose($0) }
        router.add(.POST, Routes.guardianLinkEnd) { try await end($0) }
        router.add(.GET, Routes.myAccess) { try await access($0) }
    }

    struct LinkBody: Encodable {
        let linkID: String
        let guardianID: String
        let studentID: String
        let relation: String
        let origin: String
        let state: String
        let createdAt: Int64
        let confirmedAt: Int64?
        enum CodingKeys: String, CodingKey {
            case linkID = "link_id", guardianID = "guardian_id", studentID = "student_id", relation, origin, state,
                 createdAt = "created_at", confirmedAt = "confirmed_at"
        }

        init(_ link: GuardianLink) {
            linkID = link.id.rawValue
            guardianID = link.guardianID.rawValue
            studentID = link.studentID.rawValue
            relation = link.relation.rawValue
            origin = link.origin.rawValue
            state = link.state.rawValue
            createdAt = link.createdAt.seconds
            confirmedAt = link.confirmedAt?.seconds
        }
    }

    private struct ClaimBody: Decodable {
        let login: String?
        let password: String?
        let linkCode: String?
        let relation: GuardianLink.Relation
        enum CodingKeys: String, CodingKey { case login, password, linkCode = "link_code", relation }
    }

    /// `{"login","password","relation"}` or `{"link_code","relation"}`.
    private func claim(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let body = try JSONBody.decode(ClaimBody.self, from: request)
        let requestContext = APIContext.requestContext(request)
        let link: GuardianLink
        switch (body.login, body.password, body.linkCode) {
        case (let login?, let password?, nil):
            link = try await context.guardianship.claim(actor: actor, login: login, password: password,
                                                        relation: body.relation, context: requestContext)
        case (nil, nil, let code?):
            link = try await context.guardianship.claim(actor: actor, linkCode: code, relation: body.relation,
                                                        context: requestContext)
        default: throw APIError(.badRequest, detail: "send login and password, or link_code")
        }
        return .json(LinkBody(link), status: .created)
    }

    private struct ChildBody: Encodable {
        struct Named: Encodable { let id: String; let name: String }
        let studentID: String
        let login: String?
        let name: String
        let school: Named
        let schoolClass: Named
        let relation: String
        let linkID: String
        enum CodingKeys: String, CodingKey {
            case studentID = "student_id", login, name, school, schoolClass = "class", relation, linkID = "link_id"
        }
    }

    private struct ChildrenBody: Encodable { let children: [ChildBody] }

    private func children(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let children = try await context.guardianship.children(of: actor)
        return .json(ChildrenBody(children: children.map {
            ChildBody(studentID: $0.studentID.rawValue, login: $0.login?.rawValue, name: $0.name,
                      school: .init(id: $0.school.id.rawValue, name: $0.school.name),
                      schoolClass: .init(id: $0.schoolClass.id.rawValue, name: $0.schoolClass.name),
                      relation: $0.relation.rawValue, linkID: $0.linkID.rawValue)
        }))
    }

    private func resetChild(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let studentID: Account.ID = try request.identifier("account_id")
        let temporary = try await context.guardianship.resetChildPassword(actor: actor, studentID: studentID,
                                                                          context: APIContext.requestContext(request))
        let login = try await context.environment.storage.read { tx in try tx.accounts.account(studentID)?.login }
        return .json(CredentialRoutes.ReissueBody(accountID: studentID.rawValue, login: login?.rawValue,
                                                  temporaryPassword: temporary.text,
                                                  expiresAt: temporary.expiresAt.seconds))
    }

    private struct LinksBody: Encodable { let links: [LinkBody] }

    private func links(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        return .json(LinksBody(links: try await context.guardianship.links(of: actor).map(LinkBody.init)))
    }

    private func respond(_ request: Request, confirm: Bool) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let id: GuardianLink.ID = try request.identifier("link_id")
        let requestContext = APIContext.requestContext(request)
        let link = confirm ? try await context.guardianship.confirm(actor: actor, linkID: id, context: requestContext)
            : try await context.guardianship.decline(actor: actor, linkID: id, context: requestContext)
        return .json(LinkBody(link))
    }

    private struct CodeBody: Encodable {
        let linkCodeID: String
        let studentID: String
        let code: String
        let expiresAt: Int64
        enum CodingKeys: String, CodingKey {
            case linkCodeID = "link_code_id", studentID = "student_id", code, expiresAt = "expires_at"
        }
    }

    private func issueCode(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let (record, code) = try await context.guardianship.issueLinkCode(
            by: .person(actor), studentID: try request.identifier("account_id"), context: APIContext.requestContext(request))
        return .json(CodeBody(linkCodeID: record.id.rawValue, studentID: record.studentID.rawValue, code: code,
                              expiresAt: record.expiresAt.seconds), status: .created)
    }

    private struct ProposalBody: Decodable {
        let phone: String
        let relation: GuardianLink.Relation
    }

    private func propose(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let studentID: Account.ID = try request.identifier("account_id")
        let body = try JSONBody.decode(ProposalBody.self, from: request)
        let phone = try PhoneNumber(parsing: body.phone)
        let link = try await context.guardianship.propose(by: .person(actor), studentID: studentID, phone: phone,
                                                          relation: body.relation,
                                                          context: APIContext.requestContext(request))
        return .json(LinkBody(link), status: .created)
    }

    private func end(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let link = try await context.guardianship.unlink(by: .person(actor), linkID: try request.identifier("link_id"),
                                                         context: APIContext.requestContext(request))
        return .json(LinkBody(link))
    }

    private struct AccessBody: Encodable {
        struct Student: Encodable {
            let studentID: String
            let services: [String]
            let via: String
            enum CodingKeys: String, CodingKey { case studentID = "student_id", services, via }
        }
        let students: [Student]
        let classes: [String]
    }

    private func access(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let now = context.environment.clock.now()
        let view = try await context.environment.storage.read { tx in try AccessDecision.view(for: actor, at: now, in: tx) }
        return .json(AccessBody(
            students: view.students.map {
                .init(studentID: $0.studentID.rawValue, services: $0.services.sorted().map(\.rawValue), via: $0.via.rawValue)
            },
            classes: view.classes.map(\.rawValue)))
    }
}
