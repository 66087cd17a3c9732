import Synchronization
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/admin/keys`: every key of the keyring with its state and dates, and a rotation
/// form per purpose that runs the rotation `schoolid keys rotate` runs
/// (``KeyringDirectory/rotate(_:algorithm:now:minimumNextAge:force:)``, never forced),
/// then reloads the keyring as SIGHUP does, so this server signs with the new key and
/// publishes the new next key at once.
///
/// `data` and `index` keys are listed but rotated only from the command line: after
/// their rotation every stored row must be re-wrapped or re-indexed (`keys rewrap`,
/// `keys reindex`, which waits for every server to load the new index key), too long
/// for a page request.
extension AdminPages {
    /// The purposes the page rotates: nothing stored must move after their rotation.
    static let rotatablePurposes: [KeyPurpose] = [.token, .ack, .otp]

    /// One rotation at a time: two would both read the manifest and one would lose the other's keys.
    private static let rotation = Mutex(())

    /// `GET /admin/keys` (platform admins: `platform.keys.manage`).
    func keys(_ request: Request) async throws -> Response {
        let (actor, token) = try await admin(request)
        try Principal.person(actor).require(.platformKeysManage, in: .platform, roles: context.environment.policies.roles)
        return renderKeys(request.pageLanguage, token: token)
    }

    /// `POST /admin/keys/rotate` (`purpose`): rotates, reloads the keyring, audits
    /// `key.rotated`, 303 back to the list; a rotation refused because the next key is
    /// too young to be in every verifier's JWKS cache shows why next to its button.
    func rotateKeys(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token, fields) = try await adminForm(request)
        let policies = context.environment.policies
        let principal = Principal.person(actor)
        try principal.require(.platformKeysManage, in: .platform, roles: policies.roles)
        guard let purpose = KeyPurpose(rawValue: fields["purpose"] ?? ""), Self.rotatablePurposes.contains(purpose) else {
            throw APIError(.badRequest, field: "purpose")
        }
        let now = context.environment.clock.now()
        try StepUp.require(principal, policy: policies.secondFactor, now: now)
        let rotated: KeyringDirectory.Rotation
        do {
            rotated = try Self.rotation.withLock { _ in
                try keyring.directory.rotate(purpose, now: now, minimumNextAge: policies.tokens.jwksMaxAgeSeconds,
                                             force: false)
            }
        } catch let error as KeyringError where error.code == .rotationTooEarly {
            let shown = AdminFormError(form: "rotate-\(purpose.rawValue)", field: nil,
                                       message: AdminPageText.rotationTooEarly.text(in: language))
            return renderKeys(language, token: token, error: shown, status: .conflict)
        }
        try keyring.reload()
        let requestContext = APIContext.requestContext(request)
        let detail = rotated.auditDetail(purpose)
        try await context.environment.storage.write { tx in
            try tx.audit.append(AuditEvent(at: now, action: .keyRotated, actorID: actor.account.id,
                                           clientAddress: requestContext.clientAddress,
                                           requestID: requestContext.requestID, detail: detail))
        }
        return PageResponse.redirect(to: Routes.adminKeysPage)
    }

    private func renderKeys(_ language: MessageLanguage, token: SessionToken, error: AdminFormError? = nil,
                            status: HTTPStatus = .ok) -> Response
    {
        let text = { (key: AdminPageText) in key.text(in: language) }
        let records = keyring.snapshot.records.sorted {
            ($0.purpose.rawValue, $0.algorithm ?? "", $0.state, $0.createdAt.seconds)
                < ($1.purpose.rawValue, $1.algorithm ?? "", $1.state, $1.createdAt.seconds)
        }
        let date = { (time: UnixTime?) in time.map { ISODate.dateTime($0) } ?? "—" }
        let rows: [HTML] = records.map { record in
            """
            <tr><td>\(record.purpose.rawValue)</td><td class="secret">\(record.id)</td><td>\(record.algorithm ?? "—")</td>\
            <td>\(Self.stateName(record.state, language))</td><td>\(date(record.createdAt))</td>\
            <td>\(date(record.activatedAt))</td><td>\(date(record.retiredAt))</td></tr>

            """
        }
        let table = Self.table(headers: [text(.columnPurpose), text(.columnKeyID), text(.columnAlgorithm),
                                         text(.columnState), text(.columnCreated), text(.columnActivated),
                                         text(.columnRetired)], rows: rows)
        let forms: [HTML] = Self.rotatablePurposes.map { purpose in
            let form = "rotate-\(purpose.rawValue)"
            return """
                <h3>\(purpose.rawValue)</h3>
                \(AdminFormError.general(error, form: form))\
                \(Form.render(action: Routes.adminKeysRotatePage, csrfToken: token.csrfToken,
                              fields: "<input type=\"hidden\" name=\"purpose\" value=\"\(purpose.rawValue)\">\n",
                              submitLabel: "\(text(.rotateSubmit)): \(purpose.rawValue)"))

                """
        }
        let body: HTML = """
            <p>\(text(.keysIntro))</p>
            \(table)<h2>\(text(.rotateHeading))</h2>
            <p>\(text(.rotateExplanation))</p>
            \(forms)<p>\(text(.rotateDataIndexNote))</p>
            """
        var response = Self.render(text(.keysTitle), body, language: language, status: status)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private static func stateName(_ state: KeyState, _ language: MessageLanguage) -> String {
        switch state {
        case .next: AdminPageText.keyStateNext.text(in: language)
        case .active: AdminPageText.keyStateActive.text(in: language)
        case .retired: AdminPageText.keyStateRetired.text(in: language)
        }
    }
}
