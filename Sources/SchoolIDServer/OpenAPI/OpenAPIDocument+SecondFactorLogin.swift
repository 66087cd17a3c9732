extension OpenAPIDocument {
    /// The second login step and TOTP enrolment (issue 6).
    static let secondFactorLoginPaths = #"""
  "/v1/login/second-factor": {
    "post": {
      "tags": ["second-factors", "access"],
      "operationId": "loginSecondFactor",
      "summary": "Completes a two-step login with a TOTP code, a recovery code or an SMS code.",
      "description": "Send `second_factor_ticket` from `POST /v1/login` and exactly one of `code` (TOTP, RFC 6238), `recovery_code`, or `sms_code` with `challenge_id` (when `methods` lists `sms`). The session records `amr` `[\"pwd\", \"otp\"]` (a recovery code is an `otp` too; the audit log tells them apart) and `acr` `\"2\"`. The ticket is single use. A wrong or replayed code answers `invalid_credentials` and counts as a failed login: the same per-address budget, (login, address) backoff and account lockout as a wrong password. Each TOTP time step is accepted once; each recovery code once.",
      "security": [],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object", "required": ["second_factor_ticket"], "additionalProperties": false,
          "properties": {
            "second_factor_ticket": { "type": "string" },
            "code": { "type": "string", "pattern": "^[0-9]{6,8}$" },
            "recovery_code": { "type": "string", "description": "`xxxxx-xxxxx`; case, spaces and the hyphen are ignored." },
            "challenge_id": { "type": "string", "pattern": "^chl_", "description": "With `sms_code`: the challenge from `POST /v1/login/second-factor/sms`." },
            "sms_code": { "type": "string", "description": "The SMS code; the session then records `amr` `[\"pwd\", \"sms\"]`." }
          }
        } } }
      },
      "responses": {
        "200": {
          "description": "Logged in, or a consent ticket when an adult has not accepted the current consent text.",
          "headers": { "Set-Cookie": { "$ref": "#/components/headers/SetSessionCookie" } },
          "content": { "application/json": { "schema": { "oneOf": [{ "$ref": "#/components/schemas/LoggedIn" }, { "$ref": "#/components/schemas/ConsentRequired" }] } } }
        },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "description": "`unauthorized` (unknown, used or expired ticket) or `invalid_credentials` (wrong or replayed code).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "description": "`account_locked` or `account_disabled`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/login/second-factor/sms": {
    "post": {
      "tags": ["second-factors", "access"],
      "operationId": "sendLoginSecondFactorSMS",
      "summary": "Sends an SMS code for the second login step to the account's verified phone.",
      "description": "Only when `methods` listed `sms` (policy `sms_factor_enabled` and an enrolled SMS factor); otherwise `second_factor_disabled`. The usual code quotas, cooldown and SMS budget apply. The ticket is not consumed.",
      "security": [],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object", "required": ["second_factor_ticket"], "additionalProperties": false,
          "properties": { "second_factor_ticket": { "type": "string" } }
        } } }
      },
      "responses": {
        "202": { "description": "Sent.", "content": { "application/json": { "schema": {
          "type": "object", "required": ["challenge_id", "expires_at"],
          "properties": {
            "challenge_id": { "type": "string", "pattern": "^chl_" },
            "expires_at": { "$ref": "#/components/schemas/UnixTime" }
          }
        } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "description": "`unauthorized`: unknown, used or expired ticket.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "description": "`second_factor_disabled`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/me/second-factors/totp": {
    "post": {
      "tags": ["second-factors"],
      "operationId": "beginTOTPEnrolment",
      "summary": "Starts enrolling a TOTP authenticator app: a new secret, shown once.",
      "description": "Accepts a logged-in session or, as `Authorization: Bearer`, the `enrolment_ticket` of a `second_factor_enrolment_required` login (the only routes that accept it). Replaces an unconfirmed enrolment; refused with `permission_denied` when a TOTP factor is already confirmed.",
      "responses": {
        "201": { "description": "The secret (base32 in groups of four) and the `otpauth://` URI for a QR code.", "content": { "application/json": { "schema": {
          "type": "object", "required": ["secret", "otpauth_uri", "period", "digits", "algorithm"],
          "properties": {
            "secret": { "type": "string", "description": "Base32 (RFC 4648 §6), groups of four separated by spaces." },
            "otpauth_uri": { "type": "string", "pattern": "^otpauth://totp/" },
            "period": { "type": "integer" },
            "digits": { "type": "integer" },
            "algorithm": { "type": "string", "enum": ["SHA1"] }
          }
        } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/me/second-factors/totp/confirm": {
    "post": {
      "tags": ["second-factors"],
      "operationId": "confirmTOTPEnrolment",
      "summary": "Confirms the TOTP enrolment with a first code; returns 10 recovery codes, shown once.",
      "description": "With a logged-in session the factor is also recorded on it (`amr` gains `otp`, `acr` becomes `\"2\"`) and `status` is `enrolled`. With an enrolment ticket the ticket is consumed and the answer logs the person in: `status` `logged_in` with a session (as `POST /v1/login`, `amr` `[\"pwd\", \"otp\"]`).",
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object", "required": ["code"], "additionalProperties": false,
          "properties": { "code": { "type": "string", "pattern": "^[0-9]{6,8}$" } }
        } } }
      },
      "responses": {
        "200": {
          "description": "Enrolled.",
          "headers": { "Set-Cookie": { "$ref": "#/components/headers/SetSessionCookie" } },
          "content": { "application/json": { "schema": {
            "type": "object", "required": ["status", "recovery_codes", "account_id"],
            "properties": {
              "status": { "type": "string", "enum": ["enrolled", "logged_in"] },
              "recovery_codes": { "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9]{5}-[a-z0-9]{5}$" }, "minItems": 10, "maxItems": 10 },
              "account_id": { "$ref": "#/components/schemas/AccountID" },
              "session_token": { "type": "string", "description": "Only with `status` `logged_in`." },
              "csrf_token": { "type": "string" },
              "expires_at": { "$ref": "#/components/schemas/UnixTime" },
              "amr": { "type": "array", "items": { "type": "string" } }
            }
          } } }
        },
        "400": { "description": "`code_invalid`: wrong code or no pending enrolment.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  }
"""#
}
