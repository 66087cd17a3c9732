import Foundation
import SchoolIDCore
import SchoolIDHTTP

extension AuthorizeRoutes {
    /// The consent page of a client that is not first-party: its name, the services the
    /// scope asks for, and for a guardian the children the service will see; Allow and
    /// Deny post the request's parameters again with the session's CSRF token. A trusted
    /// person sees the children granted to them, each with the granted services.
    func consentPage(_ authorization: AuthorizationRequest, client: OAuthClient,
                     pairs: [(name: String, value: String)], actor: Actor, token: SessionToken,
                     language: MessageLanguage) async throws -> Response
    {
        let text = { (key: AuthorizePageText) in key.text(in: language) }
        let children = actor.account.category == .adult ? try await context.guardianship.children(of: actor) : []
        let childList: HTML = children.isEmpty ? .empty : """
            <h2>\(text(.childrenHeading))</h2>
            <ul>
            \(children.map { child -> HTML in "<li>\(child.name) (\(child.schoolClass.name), \(child.school.name))</li>\n" })</ul>

            """
        let trustedList = try await trustedChildren(of: actor, language: language)
        let form = { (decision: String, label: AuthorizePageText) -> HTML in
            Self.decisionForm(decision, label: text(label), pairs: pairs, token: token)
        }
        let body: HTML = """
            <h1>\(text(.title))</h1>
            <p><strong>\(client.name)</strong> \(text(.intro))</p>
            <h2>\(text(.servicesHeading))</h2>
            <ul>
            \(Self.grantedItems(authorization.scopes, language: language))</ul>
            \(childList)\(trustedList)\(form("allow", .allowSubmit))
            \(form("deny", .denySubmit))
            """
        return Self.decisionPage(title: text(.title), language: language, body: body,
                                 redirectURI: authorization.redirectURI)
    }

    /// The children a trusted person may see now (the access decision's active trusted
    /// grants, as the token will carry them) with the granted services, or nothing.
    private func trustedChildren(of actor: Actor, language: MessageLanguage) async throws -> HTML {
        guard actor.account.category == .adult else { return .empty }
        let now = context.environment.clock.now()
        let grants = try await context.environment.storage.read { tx in
            try AccessDecision.view(for: actor, at: now, in: tx).students.filter { $0.via == .trusted }
        }
        guard !grants.isEmpty else { return .empty }
        let names = Dictionary(try await context.trustedAccess.received(actor: actor)
            .map { ($0.invitation.id.rawValue, $0.studentName) }, uniquingKeysWith: { first, _ in first })
        let items = grants.map { grant -> HTML in
            let services = grant.services.sorted().map { Self.serviceName($0, language: language) }.joined(separator: ", ")
            let name = (names[grant.grantID] ?? nil) ?? grant.studentID.rawValue
            return "<li>\(name) (\(services))</li>\n"
        }
        return """
            <h2>\(AuthorizePageText.trustedChildrenHeading.text(in: language))</h2>
            <ul>
            \(items)</ul>

            """
    }

    private static func serviceName(_ service: Service, language: MessageLanguage) -> String {
        switch service {
        case .diary: FamilyPageText.serviceDiary.text(in: language)
        case .attendance: FamilyPageText.serviceAttendance.text(in: language)
        case .nutrition: FamilyPageText.serviceNutrition.text(in: language)
        }
    }

    /// One list item per requested service, offline access, or the bare identity.
    private static func grantedItems(_ scopes: [OAuthClient.Scope], language: MessageLanguage) -> HTML {
        var items: [String] = scopes.compactMap { scope in
            switch scope {
            case .diary: FamilyPageText.serviceDiary.text(in: language)
            case .attendance: FamilyPageText.serviceAttendance.text(in: language)
            case .nutrition: FamilyPageText.serviceNutrition.text(in: language)
            default: nil
            }
        }
        if items.isEmpty { items.append(AuthorizePageText.identityOnly.text(in: language)) }
        if scopes.contains(.offlineAccess) { items.append(AuthorizePageText.offlineAccess.text(in: language)) }
        return "\(items.map { item -> HTML in "<li>\(item)</li>\n" })"
    }

    /// `scheme://host[:port]` of a registered redirect URI (RFC 6454 §4).
    static func origin(of uri: String) -> String? {
        guard let components = URLComponents(string: uri), let scheme = components.scheme, let host = components.host,
              ["http", "https"].contains(scheme)
        else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
