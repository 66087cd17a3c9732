import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET /v1/me/export`: everything SchoolID holds about the caller and their actively
/// linked children as one JSON document (issue 8; GDPR Art. 15 and 20, 152-FZ art. 14),
/// built by ``AccountExportService``. Needs a fresh second factor and is never cached
/// (`Cache-Control: no-store`, RFC 9111 §5.2.2.5).
struct ExportRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.GET, Routes.myExport) { try await export($0) }
    }

    private func export(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        return try await Self.response(context.export, actor: actor, request: request)
    }

    /// The export as a JSON response; `attachment` adds a download file name (the page
    /// route `/account/export.json`).
    static func response(_ service: AccountExportService, actor: Actor, request: Request,
                         attachment: Bool = false) async throws -> Response
    {
        let document = try await service.export(actor: actor, context: APIContext.requestContext(request))
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "no-store")
        if attachment { headers.set("Content-Disposition", "attachment; filename=\"schoolid-export.json\"") }
        return .json(document, headers: headers)
    }
}
