extension OpenAPIDocument {
    /// The token endpoint (issue 9; RFC 6749 §3.2). Its errors use the RFC 6749 §5.2
    /// shape, not SchoolID's, because OAuth client libraries parse them.
    static let oauthPaths = #"""
  "/oauth/token": {
    "post": {
      "tags": ["oauth"],
      "operationId": "token",
      "summary": "Exchanges an authorization code (PKCE S256), a refresh token (rotated on every use), client credentials or a person's access token (token exchange for one student) for tokens (RFC 6749 §4.1.3, §6, §4.4; RFC 8693 §2).",
      "description": "Client authentication: `client_secret_basic` (RFC 6749 §2.3.1: id and secret form-urlencoded inside HTTP Basic), `client_secret_post` (`client_id` and `client_secret` in the body), or `client_id` alone for a public client; using Basic and `client_secret` together is `invalid_request`. A parameter may appear once. A reused authorization code or a reused rotated refresh token is `invalid_grant` and revokes the refresh family it produced (audited as `oauth.code_replayed` / `oauth.refresh_replayed`). Every success is audited as `oauth.token_issued`. `refresh_token` is issued with `offline_access` to clients allowed the `refresh_token` grant; `id_token` with `openid` on an authorization code; `client_credentials` tokens have `sub` = the client id and neither. Token exchange (`urn:ietf:params:oauth:grant-type:token-exchange`, confidential clients allowed the grant): `subject_token` is an access token issued to the same client for a person (not delegated, not `client_credentials`), `subject_token_type` and the optional `requested_token_type` are `urn:ietf:params:oauth:token-type:access_token`, `student` names the student to act for (SchoolID extension parameter) and must be the person's child or trusted-person grant now; `scope` is a subset of the services granted for that student (default all). The answer adds `issued_token_type`, never a refresh token; the delegated token has `sub` = the student, `act: {sub, relation, grant}`, one `students` entry, the requester's `aud`, and expires no later than the subject token. Audited as `oauth.token_exchanged`.",
      "security": [{}, { "clientSecretBasic": [] }],
      "requestBody": { "required": true, "content": { "application/x-www-form-urlencoded": { "schema": \#(tokenRequestSchema) } } },
      "responses": {
        "200": { "description": "The tokens (RFC 6749 §5.1), `Cache-Control: no-store`.", "content": { "application/json": { "schema": \#(tokenResponseSchema) } } },
        "400": { "description": "An RFC 6749 §5.2 error: `invalid_request`, `invalid_grant`, `unauthorized_client`, `unsupported_grant_type`, `invalid_scope`.", "content": { "application/json": { "schema": \#(oauthErrorSchema) } } },
        "401": { "description": "`invalid_client`; with `WWW-Authenticate: Basic realm=\"schoolid\"` when Basic was used.", "content": { "application/json": { "schema": \#(oauthErrorSchema) } } }
      }
    }
  }
"""#

    static let tokenRequestSchema = #"""
{ "type": "object", "required": ["grant_type"], "properties": {
  "grant_type": { "type": "string", "enum": ["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange"] },
  "code": { "type": "string", "description": "authorization_code: the code from the redirect." },
  "redirect_uri": { "type": "string", "description": "authorization_code: exactly the authorization request's." },
  "code_verifier": { "type": "string", "minLength": 43, "maxLength": 128, "description": "authorization_code: the PKCE verifier (RFC 7636 §4.5)." },
  "refresh_token": { "type": "string", "description": "refresh_token: the latest refresh token of the family." },
  "scope": { "type": "string", "description": "refresh_token: a narrower scope; client_credentials: a subset of the client's service scopes; token exchange: a subset of the services granted for the student." },
  "subject_token": { "type": "string", "description": "token exchange: the person's access token, issued to this client." },
  "subject_token_type": { "type": "string", "const": "urn:ietf:params:oauth:token-type:access_token", "description": "token exchange (RFC 8693 §2.1)." },
  "requested_token_type": { "type": "string", "const": "urn:ietf:params:oauth:token-type:access_token", "description": "token exchange, optional." },
  "student": { "type": "string", "description": "token exchange: the student's account id (`acc_…`) to act for." },
  "client_id": { "type": "string" },
  "client_secret": { "type": "string", "description": "client_secret_post only." }
} }
"""#

    static let tokenResponseSchema = #"""
{ "type": "object", "required": ["access_token", "token_type", "expires_in", "scope"], "properties": {
  "access_token": { "type": "string", "description": "An RFC 9068 JWT (`typ: at+jwt`)." },
  "token_type": { "type": "string", "const": "Bearer" },
  "expires_in": { "type": "integer" },
  "scope": { "type": "string" },
  "id_token": { "type": "string", "description": "With `openid`, on an authorization code." },
  "refresh_token": { "type": "string", "description": "Opaque; rotated on every use." },
  "issued_token_type": { "type": "string", "const": "urn:ietf:params:oauth:token-type:access_token", "description": "Token exchange only (RFC 8693 §2.2.1)." }
} }
"""#

    static let oauthErrorSchema = #"""
{ "type": "object", "required": ["error"], "properties": {
  "error": { "type": "string", "enum": ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"] },
  "error_description": { "type": "string" }
} }
"""#
}
