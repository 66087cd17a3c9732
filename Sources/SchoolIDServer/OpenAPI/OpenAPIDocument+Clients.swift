extension OpenAPIDocument {
    /// OAuth clients, the diary services (issue 9): platform admins with
    /// `platform.clients.manage`; changes need a fresh step-up and are audited.
    static let clientPaths = #"""
  "/v1/clients": {
    "get": {
      "tags": ["clients"],
      "operationId": "listClients",
      "summary": "Every OAuth client, by id (platform admins). Secrets are never shown.",
      "responses": {
        "200": { "description": "The clients.", "content": { "application/json": { "schema": { "type": "object", "required": ["clients"], "properties": { "clients": { "type": "array", "items": \#(clientSchema) } } } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    },
    "post": {
      "tags": ["clients"],
      "operationId": "createClient",
      "summary": "Registers a client; a confidential one gets `client_secret` (256 random bits, base64url) in this answer only. Needs step-up; audited as `client.created`.",
      "description": "Defaults: `type` confidential, `grant_types` authorization_code and refresh_token, `scopes` openid, `audience` the client id, `access_token_signed_response_alg` the `tokens.json` default, `id_token_signed_response_alg` RS256. Redirect URIs are exact strings: `https`, or `http` to a loopback host, without fragment. Public clients may use only authorization_code and refresh_token.",
      "requestBody": { "required": true, "content": { "application/json": { "schema": \#(clientCreateSchema) } } },
      "responses": {
        "201": { "description": "The client, with its secret when confidential.", "content": { "application/json": { "schema": \#(clientSchema) } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "409": { "$ref": "#/components/responses/Conflict" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/clients/{client_id}": {
    "parameters": [\#(clientIDParameter)],
    "get": {
      "tags": ["clients"],
      "operationId": "getClient",
      "summary": "One client (platform admins).",
      "responses": {
        "200": { "description": "The client.", "content": { "application/json": { "schema": \#(clientSchema) } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" }
      }
    }
  },
  "/v1/clients/{client_id}/rotate-secret": {
    "parameters": [\#(clientIDParameter)],
    "post": {
      "tags": ["clients"],
      "operationId": "rotateClientSecret",
      "summary": "Gives a confidential client a new `client_secret` (shown once); the previous one works until `previous_secret_expires_at` (`client_secret_grace_seconds`). Needs step-up; audited as `client.secret_rotated`.",
      "responses": {
        "200": { "description": "The client with its new secret.", "content": { "application/json": { "schema": \#(clientSchema) } } },
        "400": { "description": "`client_invalid`: a public or disabled client.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" }
      }
    }
  },
  "/v1/clients/{client_id}/disable": {
    "parameters": [\#(clientIDParameter)],
    "post": {
      "tags": ["clients"],
      "operationId": "disableClient",
      "summary": "Disables a client: it can no longer authenticate or get tokens. Idempotent. Needs step-up; audited as `client.disabled`.",
      "responses": {
        "200": { "description": "The disabled client.", "content": { "application/json": { "schema": \#(clientSchema) } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" }
      }
    }
  }
"""#

    private static let clientIDParameter = #"""
{ "name": "client_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{2,63}$" } }
"""#

    private static let clientLists = #"""
"redirect_uris": { "type": "array", "items": { "type": "string", "format": "uri" } },
"post_logout_redirect_uris": { "type": "array", "items": { "type": "string", "format": "uri" } },
"grant_types": { "type": "array", "items": { "type": "string", "enum": ["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange"] } },
"scopes": { "type": "array", "items": { "type": "string", "enum": ["openid", "offline_access", "diary", "attendance", "nutrition", "ack:request"] } },
"school_ids": { "type": "array", "items": { "type": "string", "pattern": "^sch_[A-Za-z0-9_-]{22}$" } },
"access_token_signed_response_alg": { "type": "string", "enum": ["ES256", "EdDSA", "RS256"] },
"id_token_signed_response_alg": { "type": "string", "enum": ["ES256", "EdDSA", "RS256"] }
"""#

    private static let clientCreateSchema = #"""
{
  "type": "object",
  "required": ["client_id", "client_name"],
  "properties": {
    "client_id": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{2,63}$" },
    "client_name": { "type": "string", "maxLength": 200 },
    "type": { "type": "string", "enum": ["confidential", "public"] },
    "audience": { "type": "string", "maxLength": 200 },
    "first_party": { "type": "boolean", "description": "Skips the consent page." },
    \#(clientLists)
  }
}
"""#

    private static let clientSchema = #"""
{
  "type": "object",
  "required": ["client_id", "client_name", "type", "redirect_uris", "post_logout_redirect_uris", "grant_types", "scopes", "audience", "school_ids", "first_party", "access_token_signed_response_alg", "id_token_signed_response_alg", "subject_type", "status", "created_at"],
  "properties": {
    "client_id": { "type": "string" },
    "client_name": { "type": "string" },
    "type": { "type": "string", "enum": ["confidential", "public"] },
    "audience": { "type": "string" },
    "first_party": { "type": "boolean" },
    "subject_type": { "const": "public" },
    "status": { "type": "string", "enum": ["active", "disabled"] },
    "created_at": { "$ref": "#/components/schemas/UnixTime" },
    "disabled_at": { "$ref": "#/components/schemas/UnixTime" },
    "previous_secret_expires_at": { "$ref": "#/components/schemas/UnixTime" },
    "client_secret": { "type": "string", "description": "Only in the answer that generated it." },
    \#(clientLists)
  }
}
"""#
}
