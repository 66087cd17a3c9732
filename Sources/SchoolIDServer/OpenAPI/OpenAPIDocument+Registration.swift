extension OpenAPIDocument {
    /// Guardian self-registration: start, resend, confirm, and the email code after it.
    static let registrationPaths = #"""
  "/v1/registrations": {
    "post": {
      "tags": ["registration"],
      "operationId": "startRegistration",
      "summary": "Starts a guardian's registration and sends a code to the phone by SMS.",
      "description": "Everything is validated first (names, phone, email, login syntax, password policy for guardians with the login when given); login availability is not checked here. The answer is the same whether or not the phone or email already belongs to an account: an existing owner receives a notice instead of a code, and such a registration never completes. An email that already belongs to someone is silently not used. `resend_after` and `expires_at` are Unix times. A request whose `Origin` is another site is refused.",
      "security": [],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object",
          "required": ["last_name", "first_name", "phone", "password", "consent_version"],
          "additionalProperties": false,
          "properties": {
            "last_name": { "type": "string" },
            "first_name": { "type": "string" },
            "patronymic": { "type": "string" },
            "phone": { "type": "string", "description": "E.164, or Russian `8…`; only allowed prefixes (default `+79`)." },
            "email": { "type": "string", "format": "email" },
            "password": { "type": "string", "format": "password" },
            "login": { "type": "string", "description": "Optional; generated (`p` + 7 digits) when absent at confirmation too." },
            "locale": { "type": "string", "enum": ["ru", "en"], "description": "Language of the account's messages; `Accept-Language` when absent." },
            "consent_version": { "type": "integer", "description": "The version of the consent text (`GET /v1/consent`) the registrant accepted; recorded as the account's own consent at confirmation. Missing: `400 consent_required`; not the current one: `409 consent_outdated`." }
          }
        } } }
      },
      "responses": {
        "201": { "description": "The registration.", "content": { "application/json": { "schema": { "type": "object", "required": ["registration_id", "expires_at", "resend_after"], "properties": { "registration_id": { "type": "string" }, "expires_at": { "type": "integer", "format": "int64" }, "resend_after": { "type": "integer", "format": "int64" } } } } } },
        "400": { "description": "`consent_required`, a name, phone (`phone_not_allowed`), email, login syntax or password-policy code.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`consent_outdated`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "description": "`origin_not_allowed`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/registrations/{registration_id}/resend": {
    "parameters": [{ "name": "registration_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^reg_" } }],
    "post": {
      "tags": ["registration"],
      "operationId": "resendRegistrationCode",
      "summary": "Sends a new phone code (the attempts left are kept).",
      "security": [],
      "responses": {
        "200": { "description": "The registration.", "content": { "application/json": { "schema": { "type": "object", "required": ["registration_id", "expires_at", "resend_after"], "properties": { "registration_id": { "type": "string" }, "expires_at": { "type": "integer", "format": "int64" }, "resend_after": { "type": "integer", "format": "int64" } } } } } },
        "400": { "description": "`code_invalid` once the phone is verified, or a malformed id.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`registration_not_found` (unknown or expired).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "410": { "description": "`code_exhausted`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "429": { "description": "`code_resend_too_soon`, `retry_later` or `sms_budget_exhausted`, with `Retry-After`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  },
  "/v1/registrations/{registration_id}/confirm": {
    "parameters": [{ "name": "registration_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^reg_" } }],
    "post": {
      "tags": ["registration"],
      "operationId": "confirmRegistration",
      "summary": "Confirms the phone with the SMS code and creates the guardian account with a session.",
      "description": "The code is single-use: of concurrent confirmations exactly one succeeds. A taken login (the one disclosed fact, rate-limited per client address) answers `login_taken` with the phone kept verified; a later call with another `login` needs no `code`. When an email was given, a verification code goes there (`POST /v1/registrations/{registration_id}/email/confirm`).",
      "security": [],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "code": { "type": "string", "pattern": "^[0-9]{6}$" },
            "login": { "type": "string" }
          }
        } } }
      },
      "responses": {
        "201": {
          "description": "Registered and logged in.",
          "headers": { "Set-Cookie": { "$ref": "#/components/headers/SetSessionCookie" } },
          "content": { "application/json": { "schema": {
            "type": "object",
            "required": ["status", "account_id", "login", "session_token", "csrf_token", "expires_at"],
            "properties": {
              "status": { "type": "string", "const": "registered" },
              "account_id": { "type": "string" },
              "login": { "type": "string" },
              "session_token": { "type": "string" },
              "csrf_token": { "type": "string" },
              "expires_at": { "type": "integer", "format": "int64" }
            }
          } } }
        },
        "400": { "description": "`code_invalid` or a login syntax code.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "description": "`origin_not_allowed`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`registration_not_found`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`login_taken`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "410": { "description": "`code_expired` or `code_exhausted`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/registrations/{registration_id}/email/confirm": {
    "parameters": [{ "name": "registration_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^reg_" } }],
    "post": {
      "tags": ["registration"],
      "operationId": "confirmRegistrationEmail",
      "summary": "Verifies the email of the account the registration created, with the code sent there.",
      "description": "Needs the session of that account.",
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object",
          "required": ["code"],
          "additionalProperties": false,
          "properties": { "code": { "type": "string", "pattern": "^[0-9]{6}$" } }
        } } }
      },
      "responses": {
        "200": { "description": "`{\"status\": \"email_verified\"}`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } },
        "400": { "description": "`code_invalid`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "description": "`registration_not_found`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`contact_unchanged`: another account verified the address meanwhile.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "410": { "description": "`code_expired` or `code_exhausted`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  }
"""#
}
