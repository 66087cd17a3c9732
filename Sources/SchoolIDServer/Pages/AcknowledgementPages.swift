import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/account/acknowledgements` (issue 10): per child the person may sign for (a linked
/// child; with `trusted_persons_may_sign`, also a child whose active grant includes
/// `diary`), the requests waiting for a signature (title, requesting diary service,
/// deadline, "sign") and those signed or withdrawn (when, by whom, how, and the receipt
/// to download); `/account/acknowledgements/{id}` is the confirmation page and
/// `…/receipt` the receipt JWS itself.
///
/// Reading and signing go through the same Core services as the JSON API
/// (``AcknowledgementService``, ``AcknowledgementSigningService``, ``Ledger``), so the
/// pages see and refuse exactly what `/v1/acknowledgements…` does: someone with no
/// standing for the child gets `404 acknowledgement_not_found`. The confirmation page
/// and its actions are in `AcknowledgementPages+Detail.swift` and `+Actions.swift`.
struct AcknowledgementPages: Sendable {
    let context: APIContext
    let keyring: Keyring
    let issuer: ResolvedIssuer

    /// A child the person may sign for, as the list shows them.
    struct Child: Sendable {
        let id: Account.ID
        let name: String
        /// "Школа № 42, 7Б" for a linked child; `nil` for a trusted person's child.
        let place: String?
    }

    /// What a signed (or withdrawn) request's receipt says about its signature.
    struct Signature: Sendable {
        /// The receipt JWS, or `nil` once retention destroyed its body.
        let receipt: String?
        let method: ReceiptClaims.Method?
        let role: ReceiptClaims.SignerRole?
        let relation: ReceiptClaims.Relation?
    }

    var service: AcknowledgementService { AcknowledgementService(environment: context.environment) }

    var signing: AcknowledgementSigningService {
        let keyring = keyring
        return AcknowledgementSigningService(environment: context.environment, attempts: context.attempts,
                                             issuer: issuer.current, keys: { keyring.snapshot })
    }

    var ledger: Ledger {
        let keyring = keyring
        return Ledger(environment: context.environment, issuer: issuer.current, keys: { keyring.snapshot })
    }

    /// `GET /account/acknowledgements`.
    func overview(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let text = { (key: AcknowledgementPageText) in key.text(in: language) }
        let (actor, _) = try await FamilyPages.adultSession(request, context: context)
        var sections: [HTML] = []
        for child in try await children(of: actor) {
            let views: [AcknowledgementService.View]
            do {
                views = try await service.acknowledgements(ofStudent: child.id, guardian: actor)
            } catch let error as DomainError where error.code == .accountNotFound {
                continue
            }
            sections.append(try await section(child, views: views, actor: actor, language: language))
        }
        let content: HTML = sections.isEmpty ? "<p>\(text(.noChildren))</p>\n" : "\(sections)"
        let body: HTML = """
            <h1>\(text(.listTitle))</h1>
            <p>\(text(.listExplanation))</p>
            \(content)\
            <p><a href="\(Routes.childrenPage)">\(FamilyPageText.childrenLink.text(in: language))</a></p>
            <p><a href="\(Routes.accountPage)">\(PageText.accountTitle.text(in: language))</a></p>
            """
        return Page.render(title: text(.listTitle), language: language, body: body)
    }

    /// One child's pending and signed requests.
    private func section(_ child: Child, views: [AcknowledgementService.View], actor: Actor,
                         language: MessageLanguage) async throws -> HTML
    {
        let text = { (key: AcknowledgementPageText) in key.text(in: language) }
        let names = try await clientNames(Set(views.map(\.acknowledgement.clientID)))
        let pending: [HTML] = views.filter { $0.acknowledgement.state == .pending }.map { view in
            let ack = view.acknowledgement
            let deadline: HTML = ack.deadline.map { "; \(text(.deadlineLabel)) \(Self.time($0))" } ?? .empty
            return """
                <li class="acknowledgement pending" id="ack-\(ack.id.rawValue)"><strong>\(Self.title(view, language))</strong>; \
                \(text(.requestedBy)): \(names[ack.clientID] ?? ack.clientID.rawValue)\(deadline)
                <a href="\(Self.path(Routes.acknowledgementPage, ack.id))">\(text(.signLink))</a></li>

                """
        }
        var signed: [HTML] = []
        for view in views where view.acknowledgement.state != .pending {
            signed.append(signedItem(view, signature: try await signature(of: view.acknowledgement), actor: actor,
                                     client: names[view.acknowledgement.clientID], language: language))
        }
        let place: HTML = child.place.map { ", \($0)" } ?? .empty
        let pendingList: HTML = pending.isEmpty ? "<p>\(text(.noPending))</p>\n" : "<ul class=\"pending\">\n\(pending)</ul>\n"
        let signedList: HTML = signed.isEmpty ? "<p>\(text(.noSigned))</p>\n" : "<ul class=\"signed\">\n\(signed)</ul>\n"
        return """
            <section class="child" id="child-\(child.id.rawValue)">
            <h2>\(child.name)\(place)</h2>
            <h3>\(text(.pendingHeading))</h3>
            \(pendingList)\
            <h3>\(text(.signedHeading))</h3>
            \(signedList)\
            </section>

            """
    }

    private func signedItem(_ view: AcknowledgementService.View, signature: Signature, actor: Actor, client: String?,
                            language: MessageLanguage) -> HTML
    {
        let text = { (key: AcknowledgementPageText) in key.text(in: language) }
        let ack = view.acknowledgement
        let state: HTML = ack.state == .withdrawn
            ? "\(text(.stateWithdrawn)) \(ack.withdrawnAt.map(Self.time) ?? "")"
            : "\(text(.stateSigned))"
        let receipt: HTML = signature.receipt == nil ? .empty
            : " <a href=\"\(Self.path(Routes.acknowledgementReceiptPage, ack.id))\" download>\(text(.receiptLink))</a>"
        return """
            <li class="acknowledgement \(ack.state.rawValue)" id="ack-\(ack.id.rawValue)">\
            <a href="\(Self.path(Routes.acknowledgementPage, ack.id))"><strong>\(Self.title(view, language))</strong></a>; \
            \(text(.requestedBy)): \(client ?? ack.clientID.rawValue); <span class="state">\(state)</span>; \
            \(text(.signedAtLabel)): \(ack.signedAt.map(Self.time) ?? ""); \
            \(text(.signedByLabel)): \(Self.signerText(ack, signature: signature, actor: actor, language: language)); \
            \(text(.methodLabel)): \(Self.methodText(signature.method, language))\(receipt)</li>

            """
    }

    /// `GET /account/acknowledgements/{id}/receipt`: the receipt JWS as an
    /// `application/jwt` attachment `receipt-<id>.jwt` (RFC 7519 §10.3.1), never stored;
    /// `404 not_found` while pending or once retention destroyed the body.
    func receipt(_ request: Request) async throws -> Response {
        let (actor, _) = try await FamilyPages.adultSession(request, context: context)
        let id = try request.identifier("acknowledgement_id", as: Acknowledgement.Kind.self)
        let view = try await service.acknowledgement(id, guardian: actor)
        guard let index = view.acknowledgement.ledgerIndex, let compact = try await ledger.body(ofIndex: index) else {
            throw DomainError(.notFound, detail: "no receipt: pending, or its body was destroyed by retention")
        }
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/jwt")
        headers.set("Content-Disposition", "attachment; filename=\"receipt-\(id.rawValue).jwt\"")
        headers.set("Cache-Control", "no-store")
        headers.set("X-Content-Type-Options", "nosniff")
        return Response(status: .ok, headers: headers, body: Array(compact.utf8))
    }

    /// The children the person may sign for: their linked children, and with
    /// `trusted_persons_may_sign` the children of their active grants that include `diary`.
    func children(of actor: Actor) async throws -> [Child] {
        var children = try await context.guardianship.children(of: actor).map {
            Child(id: $0.studentID, name: $0.name, place: "\($0.school.name), \($0.schoolClass.name)")
        }
        if context.environment.policies.acknowledgements.trustedPersonsMaySign {
            for received in try await context.trustedAccess.received(actor: actor)
            where received.phase == .active && received.invitation.services.contains(.diary)
                && !children.contains(where: { $0.id == received.invitation.studentID })
            {
                children.append(Child(id: received.invitation.studentID, name: received.studentName ?? "", place: nil))
            }
        }
        return children
    }

    /// The names of the requesting clients (their ids stand in for unknown ones).
    func clientNames(_ ids: Set<OAuthClient.ID>) async throws -> [OAuthClient.ID: String] {
        guard !ids.isEmpty else { return [:] }
        return try await context.environment.storage.read { tx in
            var names: [OAuthClient.ID: String] = [:]
            for id in ids { names[id] = try tx.clients.client(id)?.name }
            return names
        }
    }

    /// What the stored receipt says about a signed request (nothing for a pending one).
    func signature(of acknowledgement: Acknowledgement) async throws -> Signature {
        guard let index = acknowledgement.ledgerIndex, let compact = try await ledger.body(ofIndex: index) else {
            return Signature(receipt: nil, method: nil, role: nil, relation: nil)
        }
        let claims = try? ReceiptClaims(stored: compact)
        return Signature(receipt: compact, method: claims?.method, role: claims?.signerRole, relation: claims?.link.relation)
    }

    /// The title, or a placeholder once the student's key is gone.
    static func title(_ view: AcknowledgementService.View, _ language: MessageLanguage) -> String {
        view.title ?? AcknowledgementPageText.titleUnavailable.text(in: language)
    }

    /// Who signed: "you", or the signer's relation to the child as the receipt names it.
    static func signerText(_ acknowledgement: Acknowledgement, signature: Signature, actor: Actor,
                           language: MessageLanguage) -> String
    {
        if acknowledgement.signedBy == actor.account.id { return AcknowledgementPageText.signerYou.text(in: language) }
        guard let relation = signature.relation else { return "" }
        if let guardian = GuardianLink.Relation(rawValue: relation.rawValue) {
            return FamilyPages.relationText(guardian, language)
        }
        return AcknowledgementPageText.roleTrusted.text(in: language)
    }

    static func methodText(_ method: ReceiptClaims.Method?, _ language: MessageLanguage) -> String {
        switch method {
        case .smsOTP: AcknowledgementPageText.methodSMS.text(in: language)
        case .password: AcknowledgementPageText.methodPassword.text(in: language)
        case nil: ""
        }
    }

    /// `template` with the acknowledgement id filled in.
    static func path(_ template: String, _ id: Acknowledgement.ID) -> String {
        Routes.path(template, "acknowledgement_id", id.rawValue)
    }

    /// A moment as `YYYY-MM-DD HH:MM` in Moscow time (``ISODate/dateTime(_:timeZone:)``).
    static func time(_ time: UnixTime) -> String { ISODate.dateTime(time) }
}
