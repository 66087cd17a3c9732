import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/account/export`: what the export holds, and a link to `/account/export.json`, the
/// download (the cookie session; a missing second factor goes through the step-up page
/// and comes back to the download). The document is the one `GET /v1/me/export` answers.
struct ExportPages: Sendable {
    let context: APIContext

    /// `GET /account/export`.
    func overview(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        _ = try await PageRoutes.session(request, context: context)
        let text = { (key: ExportPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.title))</h1>
            <p>\(text(.explanation))</p>
            <p>\(text(.contents))</p>
            <p>\(text(.childrenNote))</p>
            <p>\(text(.stepUpNote))</p>
            <p><a href="\(Routes.exportDownloadPage)" download="schoolid-export.json">\(text(.download))</a></p>
            <p><a href="\(Routes.accountPage)">\(text(.backLink))</a></p>
            """
        return Page.render(title: text(.title), language: language, body: body)
    }

    /// `GET /account/export.json`: the export as an attachment (`schoolid-export.json`).
    func download(_ request: Request) async throws -> Response {
        let (actor, _) = try await PageRoutes.session(request, context: context)
        return try await ExportRoutes.response(context.export, actor: actor, request: request, attachment: true)
    }
}
