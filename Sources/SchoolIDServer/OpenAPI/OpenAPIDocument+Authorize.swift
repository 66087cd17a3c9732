extension OpenAPIDocument {
    /// OpenID Connect discovery and the authorization endpoint of the code flow (issue 9).
    static let authorizePaths = #"""
  "/.well-known/openid-configuration": {
    "get": {
      "tags": ["oauth"],
      "operationId": "getOpenIDConfiguration",
      "summary": "OpenID Provider metadata (OpenID Connect Discovery 1.0 §3, RFC 8414): only what is built; every endpoint under the issuer. Cacheable for an hour.",
      "security": [],
      "responses": {
        "200": {
          "description": "The metadata.",
          "headers": { "Cache-Control": { "schema": { "const": "public, max-age=3600" } } },
          "content": { "application/json": { "schema": { "type": "object",
            "required": ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "response_types_supported", "subject_types_supported", "id_token_signing_alg_values_supported"],
            "properties": {
              "issuer": { "type": "string", "format": "uri" },
              "authorization_endpoint": { "type": "string", "format": "uri" },
              "token_endpoint": { "type": "string", "format": "uri" },
              "jwks_uri": { "type": "string", "format": "uri" },
              "end_session_endpoint": { "type": "string", "format": "uri" },
              "response_types_supported": { "type": "array", "items": { "const": "code" } },
              "response_modes_supported": { "type": "array", "items": { "const": "query" } },
              "grant_types_supported": { "type": "array", "items": { "type": "string", "enum": ["authorization_code", "refresh_token", "client_credentials"] } },
              "subject_types_supported": { "type": "array", "items": { "const": "public" } },
              "id_token_signing_alg_values_supported": { "type": "array", "items": { "type": "string", "enum": ["RS256", "ES256", "EdDSA"] } },
              "token_endpoint_auth_methods_supported": { "type": "array", "items": { "type": "string", "enum": ["client_secret_basic", "client_secret_post", "none"] } },
              "code_challenge_methods_supported": { "type": "array", "items": { "const": "S256" } },
              "scopes_supported": { "type": "array", "items": { "type": "string" } },
              "claims_supported": { "type": "array", "items": { "type": "string" } },
              "authorization_response_iss_parameter_supported": { "const": true },
              "request_parameter_supported": { "const": false },
              "request_uri_parameter_supported": { "const": false },
              "claims_parameter_supported": { "const": false }
            } } } }
        }
      }
    }
  },
  "/oauth/authorize": {
    "get": {
      "tags": ["oauth"],
      "operationId": "authorize",
      "summary": "The authorization endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2): code flow only, PKCE S256 required, exact redirect URI, duplicated parameters refused.",
      "description": "A browser navigation, answered with redirects and HTML; the browser session cookie is read when present, and its absence is a redirect to the login page, never 401. A duplicated parameter, an unknown or disabled client, or a missing or unregistered `redirect_uri` gets an HTML error page (400), never a redirect. Later errors are a 303 to the redirect URI with `error` (`invalid_request`, `unsupported_response_type`, `invalid_scope`, `unauthorized_client`, `login_required`, `consent_required`, `request_not_supported`, `request_uri_not_supported`), `error_description`, `state` and `iss` (RFC 9207). Without a browser session: 303 to `/login?return_to=…`, which comes back here after every login step. With a session a first-party client gets `code`, `state` and `iss` at once (303); any other client gets the consent page (200 HTML) whose form posts to `/oauth/authorize/decision`. Codes live `authorization_code_seconds` (tokens.json), are single-use and are audited as `oauth.code_issued`.",
      "security": [],
      "parameters": [
        { "name": "response_type", "in": "query", "required": true, "schema": { "const": "code" } },
        { "name": "client_id", "in": "query", "required": true, "schema": { "type": "string" } },
        { "name": "redirect_uri", "in": "query", "required": true, "schema": { "type": "string", "format": "uri" } },
        { "name": "scope", "in": "query", "required": true, "description": "Space-separated, must include `openid` and be a subset of the client's scopes.", "schema": { "type": "string" } },
        { "name": "state", "in": "query", "schema": { "type": "string", "maxLength": 512 } },
        { "name": "nonce", "in": "query", "schema": { "type": "string", "maxLength": 512 } },
        { "name": "code_challenge", "in": "query", "required": true, "schema": { "type": "string", "pattern": "^[A-Za-z0-9_-]{43}$" } },
        { "name": "code_challenge_method", "in": "query", "required": true, "schema": { "const": "S256" } },
        { "name": "prompt", "in": "query", "schema": { "type": "string", "description": "`none`, or any of `login`, `consent`, `select_account`." } },
        { "name": "response_mode", "in": "query", "schema": { "const": "query" } }
      ],
      "responses": {
        "200": { "description": "The consent page.", "content": { "text/html": { "schema": { "type": "string" } } } },
        "303": { "description": "To the redirect URI (code or error, with `iss`), or to the login page.", "headers": { "Location": { "schema": { "type": "string" } } } },
        "400": { "description": "The error page: the client or redirect URI cannot be trusted.", "content": { "text/html": { "schema": { "type": "string" } } } }
      }
    }
  },
  "/oauth/authorize/decision": {
    "post": {
      "tags": ["oauth"],
      "operationId": "authorizeDecision",
      "summary": "The consent page's Allow or Deny: the request's parameters again (re-validated), `decision` and the session's `csrf_token`.",
      "description": "Needs the browser session cookie; without one the answer is a 303 to the login page (never 401), which comes back to the authorization request.",
      "security": [],
      "requestBody": { "required": true, "content": { "application/x-www-form-urlencoded": { "schema": { "type": "object", "required": ["csrf_token", "decision"], "properties": { "csrf_token": { "type": "string" }, "decision": { "type": "string", "enum": ["allow", "deny"] } }, "additionalProperties": { "type": "string" } } } } },
      "responses": {
        "303": { "description": "Allow: to the redirect URI with `code`, `state`, `iss`; Deny: with `error=access_denied`; without a session: to the login page.", "headers": { "Location": { "schema": { "type": "string" } } } },
        "400": { "description": "The error page.", "content": { "text/html": { "schema": { "type": "string" } } } },
        "403": { "description": "`csrf_token_invalid` or `origin_not_allowed` (HTML page).", "content": { "text/html": { "schema": { "type": "string" } } } }
      }
    }
  }
"""#
}
