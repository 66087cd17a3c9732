/// The OpenAPI 3.1 description of every non-HTML route (the JSON API under `/v1/` and
/// the operations routes), served at `GET /v1/openapi.json`.
///
/// The document is the single source of truth and is compiled in (SchoolID uses no
/// SwiftPM resources): its JSON text lives in raw string literals: the frame below,
/// the paths in `OpenAPIDocument+Paths.swift` and the shared objects in
/// `OpenAPIDocument+Components.swift`. Every issue that adds a route describes it there;
/// `OpenAPIDocumentTests` fails while a non-HTML route the router knows is undescribed,
/// or a described operation has no route.
public enum OpenAPIDocument {
    /// The document as served (UTF-8 JSON).
    public static let body: [UInt8] = Array(text.utf8)

    /// Whether a route belongs in the document: its template starts with `/v1/` or
    /// `/.well-known/` or `/oauth/` (the OAuth endpoints, whose browser-facing ones answer
    /// with redirects and HTML but belong to the protocol), or it is one of the operations
    /// probes. Everything else is an HTML page (`/`, `/login`, `/teacher/…`) and is not described.
    public static func describes(template: String) -> Bool {
        template.hasPrefix("/v1/") || template.hasPrefix("/.well-known/") || template.hasPrefix("/oauth/")
            || [Routes.health, Routes.ready, Routes.metrics].contains(template)
    }

    /// The OpenAPI path for a router template: `:name` segments become `{name}`
    /// (OpenAPI 3.1 §4.8.8 path templating).
    public static func path(forTemplate template: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }

    private static let text: String = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "SchoolID",
    "version": "1.0.0",
    "summary": "Identity provider for school e-diary portals.",
    "description": "The JSON API (`/v1/*`) and the operations routes. HTML pages are not described. Every error answers with the one error shape (`Error`) and the same code in `error`; every response carries `X-Request-ID`. JSON API requests authenticate with `Authorization: Bearer <session token>`, or with the session cookie plus `X-CSRF-Token` (and `Content-Type: application/json` on anything but GET and HEAD, even without a body)."
  },
  "security": [{ "sessionBearer": [] }, { "sessionCookie": [], "csrfToken": [] }, { "secureSessionCookie": [], "csrfToken": [] }],
  "tags": [
    { "name": "operations", "description": "Probes, metrics and public documents." },
    { "name": "access", "description": "Login, logout, password change and the current account." },
    { "name": "directory", "description": "Schools, classes, staff and students." },
    { "name": "credentials", "description": "Issuing child logins and temporary passwords." },
    { "name": "audit", "description": "The security audit log." },
    { "name": "registration", "description": "Guardians registering themselves with a confirmed phone." },
    { "name": "recovery", "description": "Forgotten login or password, through verified contacts." },
    { "name": "security", "description": "The account's own contacts and sessions." },
    { "name": "second-factors", "description": "Two-step login, TOTP enrolment, recovery codes, managing factors and step-up." },
    { "name": "personal-data", "description": "The account holder's own data: the export of everything held about them and their children." },
    { "name": "snils", "description": "An account's SNILS: declared by the person, verified by staff who saw the document." },
    { "name": "guardians", "description": "Guardians linking children, proposals, link codes and the access view." },
    { "name": "trusted-persons", "description": "Guardians inviting trusted persons to see one child's chosen services." },
    { "name": "consent", "description": "Consent to the processing of personal data (152-FZ art. 9): the text, the consents given, renewal." },
    { "name": "clients", "description": "OAuth clients (diary services): registration, secret rotation, disabling." },
    { "name": "acknowledgements", "description": "Diary services asking guardians to acknowledge documents, and the requests read back (issue 10)." },
    { "name": "oauth", "description": "OAuth 2.0 and OpenID Connect for diary services: discovery, the authorization endpoint (code flow with PKCE) and its consent decision, the token endpoint (RFC 6749, RFC 7636, OIDC Core)." }
  ],
  "paths": \#(paths),
  "components": \#(components)
}
"""#
}
