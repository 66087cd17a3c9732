import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/admin/clients`: the OAuth clients (diary services) through `ClientService`, as
/// `/v1/clients` uses it: list, register, rotate the secret, disable (platform admins,
/// step-up for every change). A secret is shown only on the page that generated it.
extension AdminPages {
    private static let clientFields: [ErrorCode: String] = [.clientExists: "client_id"]

    /// `GET /admin/clients`.
    func clients(_ request: Request) async throws -> Response {
        let (actor, token) = try await admin(request)
        return try await renderClients(request.pageLanguage, actor: actor, token: token)
    }

    /// `POST /admin/clients`: registers a client and shows its secret once.
    func registerClient(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token, fields) = try await adminForm(request)
        let words = { (name: String) in (fields[name] ?? "").split(whereSeparator: \.isWhitespace).map(String.init) }
        let registration = ClientRegistration(
            id: fields["client_id"] ?? "", name: fields["client_name"] ?? "", type: fields["type"],
            redirectURIs: words("redirect_uris"), grants: words("grant_types"), scopes: words("scopes"))
        do {
            let issued = try await context.clients.register(by: .person(actor), registration,
                                                            context: APIContext.requestContext(request))
            return secretPage(issued.client, secret: issued.secret, language: language)
        } catch let error as DomainError where Self.isFormError(error.code) {
            let shown = AdminFormError(form: "client", code: error.code, detail: error.detail, fields: Self.clientFields,
                                       language: language)
            return try await renderClients(language, actor: actor, token: token, values: fields, error: shown,
                                           status: error.code.httpStatus)
        }
    }

    /// `POST /admin/clients/:client_id/rotate-secret`: a new secret, shown once (the
    /// previous one keeps working until the grace period ends).
    func rotateClientSecret(_ request: Request) async throws -> Response {
        let (actor, token) = try await admin(request)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        let issued = try await context.clients.rotateSecret(by: .person(actor), id: try Self.clientID(request),
                                                            context: APIContext.requestContext(request))
        return secretPage(issued.client, secret: issued.secret, language: request.pageLanguage)
    }

    /// `POST /admin/clients/:client_id/disable`: 303 back to the list.
    func disableClient(_ request: Request) async throws -> Response {
        let (actor, token) = try await admin(request)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        _ = try await context.clients.disable(by: .person(actor), id: try Self.clientID(request),
                                              context: APIContext.requestContext(request))
        return PageResponse.redirect(to: Routes.adminClientsPage)
    }

    private static func clientID(_ request: Request) throws -> OAuthClient.ID {
        guard let id = OAuthClient.ID(rawValue: request.pathParameters["client_id"] ?? "") else {
            throw DomainError(.clientNotFound)
        }
        return id
    }

    private func secretPage(_ client: OAuthClient, secret: Secret<String>?, language: MessageLanguage) -> Response {
        let text = { (key: AdminPageText) in key.text(in: language) }
        let shown: HTML = secret.map { secret in """
            <p class="notice">\(text(.clientSecretExplanation))</p>
            <dt>\(text(.clientSecret))</dt><dd class="secret">\(secret.unredacted)</dd>

            """ } ?? .empty
        let body: HTML = """
            <dl>
            <dt>\(text(.clientID))</dt><dd class="secret">\(client.id.rawValue)</dd>
            \(shown)</dl>
            <p><a href="\(Routes.adminClientsPage)">\(text(.clientsTitle))</a></p>
            """
        var response = Self.render(text(.clientSecretTitle), body, language: language)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private func renderClients(_ language: MessageLanguage, actor: Actor, token: SessionToken,
                               values: [String: String] = [:], error: AdminFormError? = nil,
                               status: HTTPStatus = .ok) async throws -> Response
    {
        let text = { (key: AdminPageText) in key.text(in: language) }
        let clients = try await context.clients.list(by: .person(actor))
        let rows: [HTML] = clients.map { client in
            let active = client.status == .active
            let actions: HTML = active ? """
                \(Form.render(action: Routes.path(Routes.adminClientRotatePage, "client_id", client.id.rawValue),
                              csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.clientRotate)))\
                \(Form.render(action: Routes.path(Routes.adminClientDisablePage, "client_id", client.id.rawValue),
                              csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.clientDisable)))
                """ : .empty
            return """
                <tr><td class="secret">\(client.id.rawValue)</td><td>\(client.name)</td><td>\(client.type.rawValue)</td>\
                <td>\(text(active ? .stateActive : .stateDisabled))</td><td>\(ISODate.string(client.createdAt))</td>\
                <td>\(actions)</td></tr>

                """
        }
        let list: HTML = rows.isEmpty ? "<p>\(text(.noClients))</p>\n" : Self.table(
            headers: [text(.columnClient), text(.clientName), text(.clientType), text(.columnState), text(.columnCreated),
                      text(.columnActions)], rows: rows)
        let form = "client"
        let types = [("confidential", text(.clientTypeConfidential)), ("public", text(.clientTypePublic))]
        let inputs: HTML = """
            \(Self.field(form: form, name: "client_id", label: text(.clientID), .input(type: "text", value: values["client_id"] ?? ""), error: error))\
            \(Self.field(form: form, name: "client_name", label: text(.clientName), .input(type: "text", value: values["client_name"] ?? ""), error: error))\
            \(Self.field(form: form, name: "type", label: text(.clientType), .select(options: types, selected: values["type"]), error: error))\
            \(Self.field(form: form, name: "redirect_uris", label: text(.redirectURIs), .textarea(value: values["redirect_uris"] ?? ""), hint: text(.redirectURIsHint), required: false, error: error))\
            \(Self.field(form: form, name: "grant_types", label: text(.grantTypes), .input(type: "text", value: values["grant_types"] ?? "authorization_code refresh_token"), hint: text(.grantTypesHint), error: error))\
            \(Self.field(form: form, name: "scopes", label: text(.scopes), .input(type: "text", value: values["scopes"] ?? "openid offline_access diary"), hint: text(.scopesHint), error: error))
            """
        let body: HTML = """
            \(list)<h2>\(text(.clientRegisterHeading))</h2>
            \(AdminFormError.general(error, form: form))\
            \(Form.render(action: Routes.adminClientsPage, csrfToken: token.csrfToken, fields: inputs,
                          submitLabel: text(.clientRegister)))
            """
        return Self.render(text(.clientsTitle), body, language: language, status: status)
    }
}
