extension OpenAPIDocument {
    /// Introspection (RFC 7662), revocation (RFC 7009) and userinfo (OpenID Connect Core
    /// §5.3) — issue 9. Errors use the RFC 6749 §5.2 / RFC 6750 §3 shape.
    static let introspectionPaths = #"""
  "/oauth/introspect": {
    "post": {
      "tags": ["oauth"],
      "operationId": "introspectToken",
      "summary": "Tells a confidential client whether a token is active, and its claims (RFC 7662).",
      "description": "Client authentication as at the token endpoint, confidential clients only (a public client is `invalid_client`). After 10 failed client authentications per client id or 20 per address in a minute every attempt is refused with 429 and `Retry-After` (audited once as `oauth.client_auth_throttled`). An access token is active while its signature and `exp` hold, its `jti` is not revoked, its refresh family (`fam`) is not revoked, its client is active and, for a person, the account is active, the login session (`sid`) is usable and every `students` entry is still granted. A client sees tokens issued to it and access tokens whose `aud` is its audience; anything else reads `{\"active\": false}` alone. A usable refresh token of the client reads active with `token_type: refresh_token` and its absolute expiry as `exp`.",
      "security": [{ "clientSecretBasic": [] }],
      "requestBody": { "required": true, "content": { "application/x-www-form-urlencoded": { "schema": \#(introspectionRequestSchema) } } },
      "responses": {
        "200": { "description": "The answer, `Cache-Control: no-store`.", "content": { "application/json": { "schema": \#(introspectionResponseSchema) } } },
        "400": { "description": "`invalid_request`.", "content": { "application/json": { "schema": \#(oauthErrorSchema) } } },
        "401": { "description": "`invalid_client`.", "content": { "application/json": { "schema": \#(oauthErrorSchema) } } },
        "429": { "description": "`invalid_client`: too many failed client authentications; `Retry-After`.", "content": { "application/json": { "schema": \#(oauthErrorSchema) } } }
      }
    }
  },
  "/oauth/revoke": {
    "post": {
      "tags": ["oauth"],
      "operationId": "revokeToken",
      "summary": "Revokes one of the client's tokens (RFC 7009).",
      "description": "Client authentication as at the token endpoint (a public client by `client_id`). A refresh token of the client revokes its whole family, and the access tokens of that grant then read inactive; an access token issued to the client is denylisted until its `exp`. Unknown, expired, malformed or another client's tokens change nothing and answer the same 200 (§2.2). Audited as `oauth.token_revoked` (kind and client, never the token). Offline verifiers keep accepting a revoked access token until its `exp` (at most `access_token_seconds`).",
      "security": [{}, { "clientSecretBasic": [] }],
      "requestBody": { "required": true, "content": { "application/x-www-form-urlencoded": { "schema": \#(introspectionRequestSchema) } } },
      "responses": {
        "200": { "description": "Done (or nothing to do); empty body." },
        "400": { "description": "`invalid_request`.", "content": { "application/json": { "schema": \#(oauthErrorSchema) } } },
        "401": { "description": "`invalid_client`.", "content": { "application/json": { "schema": \#(oauthErrorSchema) } } },
        "429": { "description": "`invalid_client`: too many failed client authentications; `Retry-After`.", "content": { "application/json": { "schema": \#(oauthErrorSchema) } } }
      }
    }
  },
  "/oauth/userinfo": {
    "get": \#(userinfoOperation("getUserinfo", form: false)),
    "post": \#(userinfoOperation("postUserinfo", form: true))
  }
"""#

    static func userinfoOperation(_ id: String, form: Bool) -> String {
        let body = form ? #""requestBody": { "required": false, "content": { "application/x-www-form-urlencoded": { "schema": { "type": "object", "properties": { "access_token": { "type": "string", "description": "RFC 6750 §2.2; not together with the Authorization header." } } } } } },"# : ""
        return #"""
{
      "tags": ["oauth"],
      "operationId": "\#(id)",
      "summary": "The bearer's `sub` and current `students` and `staff` (OpenID Connect Core §5.3).",
      "description": "The access token (RFC 6750 Bearer) must be active as introspection decides and carry `openid`. `students` and `staff` come from the access decision now, not from the token.",
      "security": [{ "bearerAccessToken": [] }],
      \#(body)
      "responses": {
        "200": { "description": "The claims, `Cache-Control: no-store`.", "content": { "application/json": { "schema": { "type": "object", "required": ["sub"], "properties": { "sub": { "type": "string" }, "students": { "type": "array", "items": { "type": "object" } }, "staff": { "type": "array", "items": { "type": "object" } } } } } } },
        "400": { "description": "`invalid_request`: the token sent twice.", "content": { "application/json": { "schema": \#(bearerErrorSchema) } } },
        "401": { "description": "`invalid_token`, with `WWW-Authenticate: Bearer realm=\"schoolid\", error=\"invalid_token\"`.", "content": { "application/json": { "schema": \#(bearerErrorSchema) } } },
        "403": { "description": "`insufficient_scope`: no `openid`.", "content": { "application/json": { "schema": \#(bearerErrorSchema) } } }
      }
    }
"""#
    }

    static let introspectionRequestSchema = #"""
{ "type": "object", "required": ["token"], "properties": {
  "token": { "type": "string" },
  "token_type_hint": { "type": "string", "enum": ["access_token", "refresh_token"] },
  "client_id": { "type": "string" },
  "client_secret": { "type": "string", "description": "client_secret_post only." }
} }
"""#

    static let introspectionResponseSchema = #"""
{ "type": "object", "required": ["active"], "properties": {
  "active": { "type": "boolean" },
  "scope": { "type": "string" }, "client_id": { "type": "string" }, "sub": { "type": "string" },
  "aud": { "type": "string" }, "iss": { "type": "string" }, "exp": { "type": "integer" }, "iat": { "type": "integer" },
  "jti": { "type": "string" }, "token_type": { "type": "string", "enum": ["Bearer", "refresh_token"] },
  "sid": { "type": "string" }, "students": { "type": "array", "items": { "type": "object" } },
  "staff": { "type": "array", "items": { "type": "object" } }, "act": { "type": "object" }
} }
"""#

    static let bearerErrorSchema = #"""
{ "type": "object", "required": ["error"], "properties": {
  "error": { "type": "string", "enum": ["invalid_request", "invalid_token", "insufficient_scope"] },
  "error_description": { "type": "string" }
} }
"""#
}
