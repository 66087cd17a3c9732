import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

extension TrustedPersonPages {
    /// `POST /account/trusted-persons/invite` (step-up): the invitation, then a `no-store`
    /// page with the acceptance window and, for a SNILS invitee, the acceptance code
    /// shown once with how to pass it on; the page again with the error next to its
    /// field when a value is wrong.
    func invite(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await FamilyPages.adultSession(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        let invited: TrustedAccessService.Invited
        do {
            let studentID = try Account.ID(parsing: fields["student_id"] ?? "")
            let invitee = try TrustedInvitee(lastName: fields["last_name"] ?? "", identifier: try FamilyPages.phoneOrSNILS(fields))
            let services = Set(Service.allCases.filter { fields["service_\($0.rawValue)"] != nil })
            let lastDayText = (fields["last_day"] ?? "").trimmingCharacters(in: .whitespaces)
            let lastDay = lastDayText.isEmpty ? nil : try CalendarDate(parsing: lastDayText)
            invited = try await context.trustedAccess.invite(actor: actor, studentID: studentID, invitee: invitee,
                                                             services: services, lastDay: lastDay,
                                                             context: APIContext.requestContext(request))
        } catch let error as DomainError where FamilyPages.isShownOnForm(error.code) {
            let failed = FamilyPages.FieldError(form: Self.inviteForm, field: Self.inviteField(error.code),
                                                message: error.message(in: language))
            return try await render(request, actor: actor, token: token, error: failed, status: error.code.httpStatus,
                                    fields: fields)
        }
        return FamilyPages.noStore(Self.invitedPage(invited, language: language))
    }

    /// The invite form's field an error is about.
    private static func inviteField(_ code: ErrorCode) -> String? {
        switch code {
        case .nameInvalid: "last_name"
        case .phoneInvalidFormat, .phoneInvalidLength, .snilsInvalid, .inviteeInvalid: FamilyPages.identifierField(code)
        case .dateInvalid: "last_day"
        case .badRequest: "services"
        default: nil
        }
    }

    private static func invitedPage(_ invited: TrustedAccessService.Invited, language: MessageLanguage) -> Response {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        let code: HTML = invited.acceptanceCode.map { code in
            """
            <h2>\(text(.acceptanceCodeLabel))</h2>
            <p class="secret acceptance-code">\(code)</p>
            <p class="notice">\(text(.acceptanceCodeExplanation))</p>

            """
        } ?? .empty
        let body: HTML = """
            <h1>\(text(.invitedTitle))</h1>
            <p>\(text(.invitedExplanation))</p>
            <p>\(text(.acceptUntil)): \(ISODate.string(invited.invitation.lapsesAt))</p>
            \(code)<p><a href="\(Routes.trustedPersonsPage)">\(text(.backToTrusted))</a></p>
            """
        return Page.render(title: text(.invitedTitle), language: language, body: body)
    }

    /// `POST /account/trusted-persons/{invitation_id}/accept` (`acceptance_code` when the
    /// match needs one): `303` back; a wrong code shows next to the code field.
    func accept(_ request: Request) async throws -> Response {
        let (actor, token) = try await FamilyPages.adultSession(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        let id: TrustedInvitation.ID = try request.identifier("invitation_id")
        let code = (fields["acceptance_code"] ?? "").trimmingCharacters(in: .whitespaces)
        do {
            _ = try await context.trustedAccess.accept(actor: actor, invitationID: id,
                                                       acceptanceCode: code.isEmpty ? nil : code,
                                                       context: APIContext.requestContext(request))
        } catch let error as DomainError where error.code == .acceptanceCodeInvalid {
            let failed = FamilyPages.FieldError(form: "accept-\(id.rawValue)", field: "acceptance_code",
                                                message: error.message(in: request.pageLanguage))
            return try await render(request, actor: actor, token: token, error: failed, status: error.code.httpStatus)
        }
        return PageResponse.redirect(to: Routes.trustedPersonsPage)
    }

    /// `POST /account/trusted-persons/{invitation_id}/decline`, `…/revoke` and
    /// `…/approve`: `303` back to the page.
    func respond(_ request: Request,
                 _ action: @Sendable (TrustedAccessService) -> (Actor, TrustedInvitation.ID, RequestContext) async throws -> Void)
        async throws -> Response
    {
        let (actor, token) = try await FamilyPages.adultSession(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        try await action(context.trustedAccess)(actor, try request.identifier("invitation_id"),
                                                APIContext.requestContext(request))
        return PageResponse.redirect(to: Routes.trustedPersonsPage)
    }

    /// How a service reads on a page.
    static func serviceText(_ service: Service, _ language: MessageLanguage) -> String {
        let key: FamilyPageText = switch service {
        case .diary: .serviceDiary
        case .attendance: .serviceAttendance
        case .nutrition: .serviceNutrition
        }
        return key.text(in: language)
    }

    /// The services in their fixed order, comma-separated.
    static func servicesText(_ services: Set<Service>, _ language: MessageLanguage) -> String {
        services.sorted().map { serviceText($0, language) }.joined(separator: ", ")
    }

    /// How an invitation's phase reads on a page.
    static func phaseText(_ phase: TrustedInvitation.Phase, _ language: MessageLanguage) -> String {
        let key: FamilyPageText = switch phase {
        case .invited: .phaseInvited
        case .lapsed: .phaseLapsed
        case .declined: .phaseDeclined
        case .accepted: .phaseAccepted
        case .active: .phaseActive
        case .revoked: .phaseRevoked
        case .expired: .phaseExpired
        }
        return key.text(in: language)
    }

    /// The times that matter in `phase`: when to accept by, or when access starts and ends.
    static func times(_ invitation: TrustedInvitation, phase: TrustedInvitation.Phase, language: MessageLanguage) -> HTML {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        switch phase {
        case .invited:
            return "; \(text(.acceptUntil)) \(ISODate.string(invitation.lapsesAt))"
        case .accepted, .active:
            let from: HTML = invitation.activeFrom.map { "; \(text(.activeFrom)) \(ISODate.string($0))" } ?? .empty
            let until: HTML = invitation.expiresAt.map { "; \(text(.accessUntil)) \(ISODate.string($0))" } ?? .empty
            return "\(from)\(until)"
        default:
            return .empty
        }
    }
}
