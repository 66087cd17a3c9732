extension OpenAPIDocument {
    /// Security settings: own sessions and contact changes.
    static let securityPaths = #"""
  "/v1/me/sessions": {
    "get": {
      "tags": ["security"],
      "operationId": "listMySessions",
      "summary": "The caller's usable sessions, newest first; `current` marks the presented one.",
      "description": "`id` is a public handle (`ses_` + base64url of 16 bytes of SHA-256 over the token hash): it names a session for revocation but cannot be used as one. `expires_at` is the earlier of the idle and absolute expiry.",
      "responses": {
        "200": {
          "description": "The sessions.",
          "content": { "application/json": { "schema": {
            "type": "object", "required": ["sessions"],
            "properties": { "sessions": { "type": "array", "items": {
              "type": "object", "required": ["id", "created_at", "last_seen_at", "expires_at", "current"],
              "properties": {
                "id": { "type": "string", "pattern": "^ses_[A-Za-z0-9_-]{22}$" },
                "created_at": { "type": "integer", "format": "int64" },
                "last_seen_at": { "type": "integer", "format": "int64" },
                "expires_at": { "type": "integer", "format": "int64" },
                "current": { "type": "boolean" }
              }
            } } }
          } } }
        },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    }
  },
  "/v1/me/sessions/{session_id}": {
    "parameters": [{ "name": "session_id", "in": "path", "required": true, "schema": { "type": "string" }, "description": "A session handle from `GET /v1/me/sessions`." }],
    "delete": {
      "tags": ["security"],
      "operationId": "revokeMySession",
      "summary": "Revokes one of the caller's sessions (the current one too, like logout). Audited as `session.revoked`.",
      "responses": {
        "204": { "description": "Revoked." },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "description": "`session_not_found`: no usable session of the caller has this id.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  },
  "/v1/me/sessions/revoke-others": {
    "post": {
      "tags": ["security"],
      "operationId": "revokeMyOtherSessions",
      "summary": "Revokes every session and password-change ticket of the caller except the presented session.",
      "responses": {
        "200": { "description": "How many were revoked.", "content": { "application/json": { "schema": { "type": "object", "required": ["revoked"], "properties": { "revoked": { "type": "integer" } } } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/me/contacts": {
    "get": {
      "tags": ["security"],
      "operationId": "getMyContacts",
      "summary": "The caller's phone and email, masked (`+7 9** ***-45-67`, `p***@example.ru`), with whether each is verified.",
      "responses": {
        "200": {
          "description": "Absent members: no such contact.",
          "content": { "application/json": { "schema": {
            "type": "object",
            "properties": {
              "phone": { "type": "object", "required": ["value_masked", "verified"], "properties": { "value_masked": { "type": "string" }, "verified": { "type": "boolean" } } },
              "email": { "type": "object", "required": ["value_masked", "verified"], "properties": { "value_masked": { "type": "string" }, "verified": { "type": "boolean" } } }
            }
          } } }
        },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    }
  },
  "/v1/me/phone": {
    "post": {
      "tags": ["security"],
      "operationId": "changeMyPhone",
      "summary": "Starts a phone change: checks the current password and sends a code to the new number.",
      "description": "The answer is the same when the number belongs to another account (its owner is notified instead, and the change can never be confirmed).",
      "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["value", "current_password"], "properties": { "value": { "type": "string", "description": "E.164 phone or email address." }, "current_password": { "type": "string" } } } } } },
      "responses": {
        "202": { "description": "A code was sent.", "content": { "application/json": { "schema": { "type": "object", "required": ["challenge_id", "expires_at", "resend_after"], "properties": { "challenge_id": { "type": "string" }, "expires_at": { "type": "integer", "format": "int64" }, "resend_after": { "type": "integer", "format": "int64" } } } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "description": "`invalid_credentials` (wrong current password) or `unauthorized`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "409": { "description": "`contact_unchanged`: already the caller's verified phone.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/me/email": {
    "post": {
      "tags": ["security"],
      "operationId": "changeMyEmail",
      "summary": "Starts an email change: checks the current password and sends a code to the new address.",
      "description": "The answer is the same when the address belongs to another account (its owner is notified instead, and the change can never be confirmed).",
      "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["value", "current_password"], "properties": { "value": { "type": "string", "description": "E.164 phone or email address." }, "current_password": { "type": "string" } } } } } },
      "responses": {
        "202": { "description": "A code was sent.", "content": { "application/json": { "schema": { "type": "object", "required": ["challenge_id", "expires_at", "resend_after"], "properties": { "challenge_id": { "type": "string" }, "expires_at": { "type": "integer", "format": "int64" }, "resend_after": { "type": "integer", "format": "int64" } } } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "description": "`invalid_credentials` (wrong current password) or `unauthorized`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "409": { "description": "`contact_unchanged`: already the caller's verified email.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/me/contact-changes/{challenge_id}/confirm": {
    "parameters": [{ "name": "challenge_id", "in": "path", "required": true, "schema": { "type": "string" } }],
    "post": {
      "tags": ["security"],
      "operationId": "confirmMyContactChange",
      "summary": "Confirms a change with the code: the new value becomes the verified contact and the old one is notified.",
      "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["code"], "properties": { "code": { "type": "string" } } } } } },
      "responses": {
        "200": { "description": "Changed.", "content": { "application/json": { "schema": { "type": "object", "required": ["kind", "verified"], "properties": { "kind": { "type": "string", "enum": ["phone", "email"] }, "verified": { "type": "boolean" } } } } } },
        "400": { "description": "`code_invalid` (wrong code, or a change that is not the caller's), `invalid_json`, `identifier_invalid`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "410": { "description": "`code_expired` or `code_exhausted`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/me/contact-changes/{challenge_id}/resend": {
    "parameters": [{ "name": "challenge_id", "in": "path", "required": true, "schema": { "type": "string" } }],
    "post": {
      "tags": ["security"],
      "operationId": "resendMyContactChangeCode",
      "summary": "Sends a new code for a pending change; the attempts left are kept.",
      "responses": {
        "202": { "description": "A new code was sent.", "content": { "application/json": { "schema": { "type": "object", "required": ["challenge_id", "expires_at", "resend_after"], "properties": { "challenge_id": { "type": "string" }, "expires_at": { "type": "integer", "format": "int64" }, "resend_after": { "type": "integer", "format": "int64" } } } } } },
        "400": { "description": "`code_invalid`: no pending change of the caller with this id.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "410": { "description": "`code_exhausted`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  }
"""#
}
