extension OpenAPIDocument {
    /// What a successful step-up answers.
    static let stepUpProvenResponse = #"""
{
          "description": "Proven: the session's new strength.",
          "content": { "application/json": { "schema": {
            "type": "object", "required": ["second_factor_at", "amr", "acr"],
            "properties": {
              "second_factor_at": { "type": "integer", "format": "int64" },
              "amr": { "type": "array", "items": { "type": "string", "enum": ["pwd", "otp", "sms"] }, "description": "RFC 8176 methods proven in this session." },
              "acr": { "type": "string", "enum": ["1", "2"] }
            }
          } } }
        }
"""#

    /// Managing one's own second factors and step-up (issue 6).
    static let factorManagementPaths = #"""
  "/v1/me/second-factors": {
    "get": {
      "tags": ["second-factors"],
      "operationId": "listMySecondFactors",
      "summary": "The caller's second factors (never their secrets), unused recovery codes, whether SMS may be enrolled (`sms_factor_enabled`) and whether the caller's roles make a factor mandatory (`mandatory_roles`).",
      "description": "When policy turns SMS off, an enrolled SMS factor is not listed and `sms_available` is false.",
      "responses": {
        "200": {
          "description": "The overview.",
          "content": { "application/json": { "schema": {
            "type": "object", "required": ["factors", "recovery_codes_left", "sms_available", "required"],
            "properties": {
              "factors": { "type": "array", "items": {
                "type": "object", "required": ["kind", "confirmed", "created_at", "last_used_at"],
                "properties": {
                  "kind": { "type": "string", "enum": ["totp", "sms"] },
                  "confirmed": { "type": "boolean", "description": "A TOTP factor is unconfirmed until its first code is typed back." },
                  "created_at": { "type": "integer", "format": "int64" },
                  "last_used_at": { "type": ["integer", "null"], "format": "int64" }
                }
              } },
              "recovery_codes_left": { "type": "integer", "minimum": 0, "maximum": 10 },
              "sms_available": { "type": "boolean" },
              "required": { "type": "boolean" }
            }
          } } }
        },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    }
  },
  "/v1/me/second-factors/sms": {
    "post": {
      "tags": ["second-factors"],
      "operationId": "enrolSMSFactor",
      "summary": "Makes SMS codes to the caller's verified phone a second factor (a restricted authenticator, NIST SP 800-63B-4 §3.1.3.3), answering with a plain-language risk notice in the request's language. Audited as `second_factor.enrolled`.",
      "responses": {
        "200": {
          "description": "Enrolled. `recovery_codes` (shown once) is present only when the caller had no usable recovery codes.",
          "content": { "application/json": { "schema": {
            "type": "object", "required": ["kind", "notice"],
            "properties": {
              "kind": { "type": "string", "const": "sms" },
              "notice": { "type": "string", "description": "Why an authenticator app is safer (SMS interception, SIM swap)." },
              "recovery_codes": { "type": "array", "items": { "type": "string", "pattern": "^[2-9a-km-np-z]{5}-[2-9a-km-np-z]{5}$" }, "minItems": 10, "maxItems": 10 }
            }
          } } }
        },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`second_factor_disabled`: policy turned SMS off as a factor.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`phone_not_verified`: the account has no verified phone.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  },
  "/v1/me/second-factors/{kind}": {
    "parameters": [{ "name": "kind", "in": "path", "required": true, "schema": { "type": "string", "enum": ["totp", "sms"] } }],
    "delete": {
      "tags": ["second-factors"],
      "operationId": "removeMySecondFactor",
      "summary": "Removes one of the caller's factors; with none left, the recovery codes go too. Needs a step-up. Audited as `second_factor.removed`.",
      "responses": {
        "204": { "description": "Removed." },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`step_up_required`: prove a second factor in this session first (`POST /v1/step-up`).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "$ref": "#/components/responses/NotFound" },
        "409": { "description": "`second_factor_required_by_policy`: the caller's roles need a factor and this is their last confirmed one.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  },
  "/v1/me/recovery-codes": {
    "post": {
      "tags": ["second-factors"],
      "operationId": "regenerateRecoveryCodes",
      "summary": "Replaces the caller's recovery codes with ten new ones (shown once); the old set stops working. Needs a step-up and a confirmed factor. Audited as `recovery_codes.regenerated`.",
      "responses": {
        "200": {
          "description": "The new codes.",
          "content": { "application/json": { "schema": {
            "type": "object", "required": ["recovery_codes"],
            "properties": { "recovery_codes": { "type": "array", "items": { "type": "string", "pattern": "^[2-9a-km-np-z]{5}-[2-9a-km-np-z]{5}$" }, "minItems": 10, "maxItems": 10 } }
          } } }
        },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`step_up_required`, or `permission_denied` without a confirmed factor.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  },
  "/v1/step-up": {
    "post": {
      "tags": ["second-factors"],
      "operationId": "stepUp",
      "summary": "Proves a second factor in the presented session: a TOTP `code` or a `recovery_code` (used up). Sensitive actions then pass for `step_up_seconds`.",
      "description": "A wrong code is a failed attempt through the login counters (per-address budget, (login, address) backoff, account cap); once the account cap has locked the account, codes are no longer checked: 403 `account_locked`.",
      "requestBody": { "required": true, "content": { "application/json": { "schema": {
        "type": "object",
        "properties": { "code": { "type": "string", "description": "TOTP code (RFC 6238)." }, "recovery_code": { "type": "string", "description": "`xxxxx-xxxxx`; case, spaces and the hyphen are ignored." } },
        "oneOf": [{ "required": ["code"] }, { "required": ["recovery_code"] }]
      } } } },
      "responses": {
        "200": \#(stepUpProvenResponse),
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "description": "`code_invalid` (wrong or reused code; counted) or `unauthorized`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/step-up/sms": {
    "post": {
      "tags": ["second-factors"],
      "operationId": "sendStepUpSMS",
      "summary": "Sends a one-time code to the caller's verified phone, for an account without an authenticator app (no factor, or SMS as its factor). Send quotas and the resend cooldown apply.",
      "responses": {
        "202": {
          "description": "The code is on its way.",
          "content": { "application/json": { "schema": {
            "type": "object", "required": ["challenge_id", "expires_at", "resend_after"],
            "properties": {
              "challenge_id": { "type": "string", "pattern": "^chl_" },
              "expires_at": { "type": "integer", "format": "int64" },
              "resend_after": { "type": "integer", "format": "int64" }
            }
          } } }
        },
        "400": { "description": "`phone_not_allowed`: SMS cannot go to this number.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`permission_denied`: the account proves its authenticator app instead.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`phone_not_verified`: the account has no verified phone.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/step-up/sms/confirm": {
    "post": {
      "tags": ["second-factors"],
      "operationId": "confirmStepUpSMS",
      "summary": "Confirms the SMS code; the session records an `sms` proof.",
      "requestBody": { "required": true, "content": { "application/json": { "schema": {
        "type": "object", "required": ["challenge_id", "code"],
        "properties": { "challenge_id": { "type": "string" }, "code": { "type": "string" } }
      } } } },
      "responses": {
        "200": \#(stepUpProvenResponse),
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "description": "`code_invalid` (wrong code, spends an attempt) or `unauthorized`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "410": { "description": "`code_expired` or `code_exhausted`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  }
"""#
}
