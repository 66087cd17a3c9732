extension OpenAPIDocument {
    /// Consents to the processing of personal data (issue 8; 152-FZ art. 9): the current
    /// text, the consents given, and giving consent (also the consent step of a login).
    static let consentPaths = #"""
  "/v1/consent": {
    "get": {
      "tags": ["consent"],
      "operationId": "getConsentText",
      "summary": "The current consent text (`consent.json` `current_text_version`) in the request's language (`Accept-Language`; Russian by default).",
      "security": [],
      "responses": {
        "200": { "description": "The text.", "content": { "application/json": { "schema": { "type": "object", "required": ["version", "language", "operator", "text"], "properties": { "version": { "type": "integer" }, "language": { "type": "string", "enum": ["ru", "en"] }, "operator": { "type": "string" }, "text": { "type": "string" } } } } } }
      }
    }
  },
  "/v1/me/consents": {
    "get": {
      "tags": ["consent"],
      "operationId": "listMyConsents",
      "summary": "The consents the caller gave (for themself and, as legal representative, for children) and those given about them, oldest first.",
      "responses": {
        "200": { "description": "The consents.", "content": { "application/json": { "schema": { "type": "object", "required": ["current_version", "consents"], "properties": { "current_version": { "type": "integer" }, "consents": { "type": "array", "items": { "type": "object", "required": ["id", "subject_id", "given_by", "basis", "text_version", "channel", "given_at"], "properties": { "id": { "type": "string", "pattern": "^cns_[A-Za-z0-9_-]{22}$" }, "subject_id": { "$ref": "#/components/schemas/AccountID" }, "given_by": { "$ref": "#/components/schemas/AccountID" }, "basis": { "type": "string", "enum": ["own", "legal_representative"] }, "text_version": { "type": "integer" }, "channel": { "type": "string", "enum": ["web", "api"] }, "given_at": { "$ref": "#/components/schemas/UnixTime" } } } } } } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" }
      }
    },
    "post": {
      "tags": ["consent"],
      "operationId": "giveConsent",
      "summary": "Gives consent to the current text: `own`, and `legal_representative` for each actively linked child; audited as `consent.given`.",
      "description": "With the `consent_ticket` of a `consent_required` login as `Authorization: Bearer` (the only route that accepts it) the ticket is consumed and the answer is the session of that login, keeping its `amr`/`acr`. With a logged-in session the consents are recorded (renewal) and the answer is `consent_recorded`. `version` must be the current one (`409 consent_outdated`).",
      "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["version"], "properties": { "version": { "type": "integer" } } } } } },
      "responses": {
        "200": {
          "description": "A session (consent ticket), or `consent_recorded` (session).",
          "headers": { "Set-Cookie": { "$ref": "#/components/headers/SetSessionCookie" } },
          "content": { "application/json": { "schema": { "oneOf": [
            { "$ref": "#/components/schemas/LoggedIn" },
            { "type": "object", "required": ["status", "version"], "properties": { "status": { "const": "consent_recorded" }, "version": { "type": "integer" } } }
          ] } } }
        },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`permission_denied` for a student account.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`consent_outdated`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  }
"""#

    /// The login answer when the current consent text must be accepted first.
    static let consentRequiredSchema = #"""
{
  "type": "object",
  "description": "The password (and second factor) verified, but the adult has not accepted the current consent text: no session yet. Read it (`GET /v1/consent`) and send `POST /v1/me/consents` with `consent_ticket` as Bearer.",
  "required": ["status", "account_id", "consent_ticket", "consent_version", "expires_at"],
  "properties": {
    "status": { "const": "consent_required" },
    "account_id": { "$ref": "#/components/schemas/AccountID" },
    "consent_ticket": { "type": "string", "description": "Accepted only by `POST /v1/me/consents`." },
    "consent_version": { "type": "integer" },
    "recovery_codes": { "type": "array", "items": { "type": "string" }, "description": "Only after a TOTP enrolment at login." },
    "expires_at": { "$ref": "#/components/schemas/UnixTime" }
  }
}
"""#
}
