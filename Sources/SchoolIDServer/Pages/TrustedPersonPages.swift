import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/account/trusted-persons` (issue 7): the invite form (one of the guardian's linked
/// children, the invitee's last name, phone or SNILS, the services, an optional last
/// day; step-up), the invitations sent (state, revoke, approve when policy asks every
/// guardian) and the invitations received (accept, with the acceptance code when the
/// match needs one, and decline).
///
/// Every form posts with the session's CSRF token and is done by ``TrustedAccessService``,
/// as the JSON API's `/v1/me/invitations/…` routes are. Actions are in
/// `TrustedPersonPages+Actions.swift`.
struct TrustedPersonPages: Sendable {
    let context: APIContext

    /// The invite form's name (for errors tied to its fields).
    static let inviteForm = "invite"

    /// `GET /account/trusted-persons`.
    func overview(_ request: Request) async throws -> Response {
        let (actor, token) = try await FamilyPages.adultSession(request, context: context)
        return try await render(request, actor: actor, token: token)
    }

    /// The page, with `error` next to its field (on the invite form or an accept form).
    func render(_ request: Request, actor: Actor, token: SessionToken, error: FamilyPages.FieldError? = nil,
                status: HTTPStatus = .ok, fields: [String: String] = [:]) async throws -> Response
    {
        let language = request.pageLanguage
        let text = { (key: FamilyPageText) in key.text(in: language) }
        let children = try await context.guardianship.children(of: actor)
        let sent = try await context.trustedAccess.sent(actor: actor)
        let received = try await context.trustedAccess.received(actor: actor)
        let names = Dictionary(children.map { ($0.studentID, $0.name) }, uniquingKeysWith: { first, _ in first })
        let sentItems: [HTML] = sent.map { sentItem($0, actor: actor, childName: names[$0.invitation.studentID],
                                                    token: token, language: language) }
        let receivedItems: [HTML] = received.map { receivedItem($0, token: token, language: language, error: error) }
        let sentList: HTML = sentItems.isEmpty ? "<p>\(text(.noSent))</p>\n" : "<ul class=\"sent\">\n\(sentItems)</ul>\n"
        let receivedList: HTML = receivedItems.isEmpty ? "<p>\(text(.noReceived))</p>\n"
            : "<ul class=\"received\">\n\(receivedItems)</ul>\n"
        let body: HTML = """
            <h1>\(text(.trustedTitle))</h1>
            <p>\(text(.trustedExplanation))</p>
            <h2>\(text(.inviteHeading))</h2>
            \(inviteForm(children, token: token, language: language, error: error, fields: fields))\
            <h2>\(text(.sentHeading))</h2>
            \(sentList)\
            <h2>\(text(.receivedHeading))</h2>
            \(receivedList)\
            <p><a href="\(Routes.childrenPage)">\(text(.childrenLink))</a></p>
            <p><a href="\(Routes.accountPage)">\(PageText.accountTitle.text(in: language))</a></p>
            """
        return Page.render(title: text(.trustedTitle), language: language, body: body, status: status)
    }

    private func inviteForm(_ children: [ChildSummary], token: SessionToken, language: MessageLanguage,
                            error: FamilyPages.FieldError?, fields: [String: String]) -> HTML
    {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        guard !children.isEmpty else { return "<p>\(text(.inviteNeedsChild))</p>\n" }
        let form = Self.inviteForm
        let boxes: [HTML] = Service.allCases.map { service in
            let name = "service_\(service.rawValue)"
            let checked: HTML = fields.isEmpty || fields[name] != nil ? " checked" : .empty
            return """
                <label><input type="checkbox" name="\(name)" value="on"\(checked)> \(Self.serviceText(service, language))</label>

                """
        }
        let inputs: HTML = """
            \(error?.box(form: form, field: nil) ?? .empty)\
            \(FamilyPages.select(form: form, name: "student_id", label: text(.childField),
                                 options: children.map { ($0.studentID.rawValue, "\($0.name), \($0.schoolClass.name)") }))\
            \(FamilyPages.input(form: form, name: "last_name", label: text(.lastNameField), value: fields["last_name"] ?? "",
                                autocomplete: "off", error: error))\
            \(FamilyPages.input(form: form, name: "phone", label: text(.phoneField), type: "tel", value: fields["phone"] ?? "",
                                autocomplete: "off", required: false, error: error))\
            \(FamilyPages.input(form: form, name: "snils", label: text(.snilsField), value: fields["snils"] ?? "",
                                autocomplete: "off", required: false, error: error))\
            <p>\(text(.identifierNote))</p>
            <fieldset><legend>\(text(.servicesField))</legend>
            \(error?.box(form: form, field: "services") ?? .empty)\(boxes)</fieldset>
            \(FamilyPages.input(form: form, name: "last_day", label: text(.lastDayField), type: "date",
                                value: fields["last_day"] ?? "", required: false, error: error))
            """
        let invite = Form.render(action: Routes.trustedInvitePage, csrfToken: token.csrfToken, fields: inputs,
                                 submitLabel: text(.inviteSubmit))
        return "\(invite)\n"
    }

    private func sentItem(_ sent: SentInvitation, actor: Actor, childName: String?, token: SessionToken,
                          language: MessageLanguage) -> HTML
    {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        let invitation = sent.invitation
        let id = invitation.id.rawValue
        var actions: [HTML] = []
        if [.invited, .accepted, .active].contains(sent.phase) {
            actions.append(Form.render(action: Routes.path(Routes.trustedRevokePage, "invitation_id", id),
                                       csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.revokeSubmit)))
        }
        let waiting = sent.approvals.filter { $0.approvedAt == nil }
        if [.invited, .accepted].contains(sent.phase), waiting.contains(where: { $0.guardianID == actor.account.id }) {
            actions.append(Form.render(action: Routes.path(Routes.trustedApprovePage, "invitation_id", id),
                                       csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.approveSubmit)))
        }
        let notes: HTML = """
            \(sent.sentByMe ? .empty : " (\(text(.sentByOther)))")\
            \(waiting.isEmpty || !invitation.requiresApproval ? .empty : "; \(text(.approvalPending))")
            """
        return """
            <li class="invitation" id="invitation-\(id)">\(text(.inviteeLabel)): <strong>\(sent.invitee.lastName)</strong> \
            (\(sent.invitee.hint)); \(text(.childLabel)): \(childName ?? ""); \
            \(text(.servicesLabel)): \(Self.servicesText(invitation.services, language)); \
            \(text(.stateLabel)): <span class="state">\(Self.phaseText(sent.phase, language))</span>\(notes)\
            \(Self.times(invitation, phase: sent.phase, language: language))
            \(actions)</li>

            """
    }

    private func receivedItem(_ received: ReceivedInvitation, token: SessionToken, language: MessageLanguage,
                              error: FamilyPages.FieldError?) -> HTML
    {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        let invitation = received.invitation
        let id = invitation.id.rawValue
        var actions: HTML = .empty
        if received.phase == .invited {
            let form = "accept-\(id)"
            let code: HTML = received.acceptanceCodeRequired
                ? FamilyPages.input(form: form, name: "acceptance_code", label: text(.acceptanceCodeField),
                                    autocomplete: "off", error: error)
                : .empty
            let accept = Form.render(action: Routes.path(Routes.trustedAcceptPage, "invitation_id", id),
                                     csrfToken: token.csrfToken, fields: "\(error?.box(form: form, field: nil) ?? .empty)\(code)",
                                     submitLabel: text(.acceptSubmit))
            let decline = Form.render(action: Routes.path(Routes.trustedDeclinePage, "invitation_id", id),
                                      csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.declineSubmit))
            actions = "\(accept)\(decline)"
        }
        return """
            <li class="invitation" id="invitation-\(id)">\(text(.guardianLabel)): \
            <strong>\(received.guardianName ?? text(.hiddenName))</strong>; \
            \(text(.childLabel)): \(received.studentName ?? text(.hiddenName)); \
            \(text(.servicesLabel)): \(Self.servicesText(invitation.services, language)); \
            \(text(.stateLabel)): <span class="state">\(Self.phaseText(received.phase, language))</span>\
            \(Self.times(invitation, phase: received.phase, language: language))
            \(actions)</li>

            """
    }
}
