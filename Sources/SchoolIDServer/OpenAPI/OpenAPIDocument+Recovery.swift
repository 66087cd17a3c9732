extension OpenAPIDocument {
    /// Recovery of a forgotten login or password (issue 5): no authentication, and the
    /// same answers for known and unknown accounts.
    static let recoveryPaths = #"""
  "/v1/recovery/login": {
    "post": {
      "tags": ["recovery"],
      "operationId": "remindLogin",
      "summary": "Sends the login to a verified phone or email (\"I don't remember my login\").",
      "description": "The answer is the same whether or not the contact belongs to an account; for an unknown contact nothing is sent. Counts against the code quotas of the contact and of the client address.",
      "security": [],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object", "required": ["contact"], "additionalProperties": false,
          "properties": { "contact": { "type": "string", "description": "Phone number (`+79…`, `89…`) or email address." } }
        } } }
      },
      "responses": {
        "202": { "description": "`{\"status\": \"sent_if_known\"}`", "content": { "application/json": { "schema": {
          "type": "object", "required": ["status"], "properties": { "status": { "type": "string", "enum": ["sent_if_known"] } }
        } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/recovery/password": {
    "post": {
      "tags": ["recovery"],
      "operationId": "startPasswordRecovery",
      "summary": "Sends a recovery code to the account's verified phone (and email) and opens a flow (\"I don't remember my password\").",
      "description": "`identifier` is a login, phone number or email address. The answer has the same shape for unknown accounts (a decoy flow that never succeeds). When the account has both a verified phone and email, a code goes to each and confirming needs both.",
      "security": [],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object", "required": ["identifier"], "additionalProperties": false,
          "properties": { "identifier": { "type": "string" } }
        } } }
      },
      "responses": {
        "202": { "description": "The flow (the same shape for unknown accounts).", "content": { "application/json": { "schema": {
          "type": "object", "required": ["flow_id", "expires_at", "resend_after"],
          "properties": {
            "flow_id": { "type": "string", "pattern": "^rcv_" },
            "expires_at": { "type": "integer", "description": "Unix seconds." },
            "resend_after": { "type": "integer", "description": "Unix seconds." }
          }
        } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/recovery/password/resend": {
    "post": {
      "tags": ["recovery"],
      "operationId": "resendPasswordRecoveryCodes",
      "summary": "Sends new codes for an open flow (attempts left are kept).",
      "security": [],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object", "required": ["flow_id"], "additionalProperties": false,
          "properties": { "flow_id": { "type": "string", "pattern": "^rcv_" } }
        } } }
      },
      "responses": {
        "202": { "description": "`{\"status\": \"sent_if_known\", \"resend_after\": …}`", "content": { "application/json": { "schema": {
          "type": "object", "required": ["status", "resend_after"],
          "properties": { "status": { "type": "string", "enum": ["sent_if_known"] }, "resend_after": { "type": "integer", "description": "Unix seconds." } }
        } } } },
        "401": { "description": "`second_factor_required`: the codes are right but the account has a second factor and `second_factor_code` is missing or wrong; the password is not changed.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`recovery_flow_not_found`: unknown, expired or completed.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "410": { "description": "`code_exhausted`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/recovery/password/confirm": {
    "post": {
      "tags": ["recovery"],
      "operationId": "confirmPasswordRecovery",
      "summary": "Sets a new password with the flow's codes; every session is revoked and the lockout cleared.",
      "description": "Every code the flow sent is needed (`email_code` when the account has a verified email too); a missing one counts as wrong. Password-policy codes are reported only once the codes are right. On success a notice goes to every verified contact; the person then logs in with `POST /v1/login`. An account with a second factor also needs `second_factor_code`.",
      "security": [],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": {
          "type": "object", "required": ["flow_id", "new_password"], "additionalProperties": false,
          "properties": {
            "flow_id": { "type": "string", "pattern": "^rcv_" },
            "sms_code": { "type": "string" },
            "email_code": { "type": "string" },
            "new_password": { "type": "string", "format": "password" },
            "second_factor_code": { "type": "string", "description": "A TOTP code or an unused recovery code: required when the account has a second factor (recovery never removes one). Without it the answer is 401 `second_factor_required` and nothing changes (codes already proven stay proven, so it can be sent on a second request); a wrong one also closes the flow." }
          }
        } } }
      },
      "responses": {
        "200": { "description": "`{\"status\": \"password_changed\"}`", "content": { "application/json": { "schema": {
          "type": "object", "required": ["status"], "properties": { "status": { "type": "string", "enum": ["password_changed"] } }
        } } } },
        "400": { "description": "`code_invalid` or a password code (`password_too_short`, `password_blocklisted`, `password_contains_login`, …).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "description": "`second_factor_required`: the codes are right but the account has a second factor and `second_factor_code` is missing or wrong; the password is not changed.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`recovery_flow_not_found`: unknown, expired or completed.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "410": { "description": "`code_expired` or `code_exhausted`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  }
"""#
}
