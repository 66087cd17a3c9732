extension OpenAPIDocument {
    /// The `components` object: security schemes, shared parameters, headers, error responses and schemas.
    static let components = #"""
{
  "securitySchemes": {
    "clientSecretBasic": {
      "type": "http",
      "scheme": "basic",
      "description": "An OAuth client's id and secret, each form-urlencoded (RFC 6749 §2.3.1), at the token endpoint."
    },
    "bearerAccessToken": {
      "type": "http",
      "scheme": "bearer",
      "bearerFormat": "JWT",
      "description": "A SchoolID access token (RFC 9068, RFC 6750 §2.1), at the userinfo endpoint."
    },
    "sessionBearer": {
      "type": "http",
      "scheme": "bearer",
      "description": "The `session_token` from `POST /v1/login` or `POST /v1/password/change` (RFC 6750 §2.1): for the CLI, scripts and tests."
    },
    "sessionCookie": {
      "type": "apiKey",
      "in": "cookie",
      "name": "schoolid_session",
      "description": "The browser session cookie on plain-HTTP loopback. Accepted on `/v1/*` only together with `X-CSRF-Token` and, on requests other than GET and HEAD, `Content-Type: application/json`."
    },
    "secureSessionCookie": {
      "type": "apiKey",
      "in": "cookie",
      "name": "__Host-schoolid_session",
      "description": "The browser session cookie over HTTPS (`Secure`, `HttpOnly`, `SameSite=Lax`, `Path=/`). Accepted on `/v1/*` only together with `X-CSRF-Token` and, on requests other than GET and HEAD, `Content-Type: application/json`."
    },
    "csrfToken": {
      "type": "apiKey",
      "in": "header",
      "name": "X-CSRF-Token",
      "description": "The session's synchronizer token (`csrf_token` from the login answer); required with the session cookie."
    },
    "metricsToken": {
      "type": "http",
      "scheme": "bearer",
      "description": "The configured metrics token; loopback clients need none."
    }
  },
  "parameters": {
    "SchoolID": {
      "name": "school_id",
      "in": "path",
      "required": true,
      "schema": { "$ref": "#/components/schemas/SchoolID" }
    },
    "ClassID": {
      "name": "class_id",
      "in": "path",
      "required": true,
      "schema": { "$ref": "#/components/schemas/ClassID" }
    },
    "AccountID": {
      "name": "account_id",
      "in": "path",
      "required": true,
      "schema": { "$ref": "#/components/schemas/AccountID" }
    },
    "EnrolmentID": {
      "name": "enrolment_id",
      "in": "path",
      "required": true,
      "schema": { "$ref": "#/components/schemas/EnrolmentID" }
    },
    "BatchID": {
      "name": "batch_id",
      "in": "path",
      "required": true,
      "schema": { "$ref": "#/components/schemas/BatchID" }
    }
  },
  "headers": {
    "RetryAfter": {
      "description": "Seconds to wait before retrying (RFC 9110 §10.2.3).",
      "schema": { "type": "integer", "minimum": 1 }
    },
    "SetSessionCookie": {
      "description": "The session cookie (`__Host-schoolid_session`, or `schoolid_session` on plain-HTTP loopback).",
      "schema": { "type": "string" }
    },
    "WWWAuthenticate": {
      "description": "`Bearer realm=\"schoolid\"` (RFC 6750 §3).",
      "schema": { "type": "string" }
    }
  },
  "responses": {
    "BadRequest": {
      "description": "The request is malformed: `invalid_json` (with `field`), `identifier_invalid`, or a validation code of the operation.",
      "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    },
    "Unauthorized": {
      "description": "`unauthorized`: no valid session token or cookie.",
      "headers": { "WWW-Authenticate": { "$ref": "#/components/headers/WWWAuthenticate" } },
      "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    },
    "Forbidden": {
      "description": "`permission_denied`, `school_not_assigned`, `class_not_assigned`, or `csrf_token_invalid` for a cookie without the CSRF token.",
      "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    },
    "NotFound": {
      "description": "The school, class, account, enrolment or batch does not exist.",
      "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    },
    "Conflict": {
      "description": "The resource already exists or is not in a state that allows this.",
      "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    },
    "UnsupportedMediaType": {
      "description": "`unsupported_media_type`: the body (or, with the session cookie, the request) is not `application/json`.",
      "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    },
    "TooManyRequests": {
      "description": "`retry_later` or `account_locked`: too many attempts for this login and address.",
      "headers": { "Retry-After": { "$ref": "#/components/headers/RetryAfter" } },
      "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    },
    "ServiceBusy": {
      "description": "`service_busy`: the password-hashing pool is full; `storage_unavailable`: the database refused a write (read-only or full disk, I/O error) and nothing changed.",
      "headers": { "Retry-After": { "$ref": "#/components/headers/RetryAfter" } },
      "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    }
  },
  "schemas": {
    "Error": {
      "type": "object",
      "description": "The one error shape of every route.",
      "required": ["error", "message", "request_id"],
      "additionalProperties": false,
      "properties": {
        "error": { "$ref": "#/components/schemas/ErrorCode" },
        "message": { "type": "string", "description": "Text for people, in the language the request prefers (`ru` or `en`)." },
        "request_id": { "type": "string", "description": "Equals the `X-Request-ID` response header." },
        "field": { "type": "string", "description": "The request field the error is about, for validation errors." },
        "detail": { "type": "string", "description": "Safe English detail for developers (the roster row, the policy rule); never a secret." }
      }
    },
    "ErrorCode": {
      "type": "string",
      "description": "Stable snake_case codes; never renamed once shipped.",
      "enum": [
        "identifier_invalid", "school_code_invalid", "login_invalid_length", "login_invalid_character",
        "login_cyrillic_lookalike", "login_invalid_format", "login_pattern_overflow",
        "phone_invalid_format", "phone_invalid_length", "email_invalid_format", "email_invalid_domain",
        "snils_invalid", "snils_taken", "password_empty", "password_too_short",
        "password_too_long", "password_invalid_character", "password_blocklisted",
        "password_contains_login", "date_invalid", "name_invalid", "roster_invalid_encoding",
        "roster_missing_column", "roster_unknown_column", "roster_invalid_row", "roster_empty",
        "roster_too_large", "permission_denied", "account_locked", "retry_later", "code_invalid",
        "code_expired", "code_exhausted", "code_resend_too_soon", "phone_not_allowed", "sms_budget_exhausted",
        "invalid_credentials",
        "account_disabled", "temporary_password_expired", "password_change_required",
        "password_change_ticket_invalid", "password_unchanged", "csrf_token_invalid", "origin_not_allowed",
        "school_not_assigned", "class_not_assigned", "school_not_found", "class_not_found",
        "account_not_found", "enrolment_not_found", "credential_batch_not_found",
        "registration_not_found", "recovery_flow_not_found", "session_not_found", "contact_unchanged",
        "step_up_required", "account_deletion_not_allowed", "second_factor_required", "second_factor_enrolment_required", "second_factor_disabled",
        "second_factor_required_by_policy", "phone_not_verified",
        "credential_batch_not_finished", "credential_batch_gone", "school_code_taken",
        "class_already_exists", "login_taken", "membership_exists", "enrolment_exists",
        "account_not_student", "text_invalid", "time_zone_invalid", "grade_invalid",
        "class_letter_invalid", "school_year_invalid", "role_invalid",
        "guardian_not_found", "guardian_link_not_found", "guardian_link_exists", "guardian_link_not_pending",
        "guardian_limit_reached", "link_code_invalid", "child_has_contacts", "consent_required", "consent_outdated",
        "invitation_not_found", "invitation_not_pending",
        "invitation_lapsed", "acceptance_code_invalid", "invitee_invalid", "client_not_found", "client_invalid",
        "client_exists", "acknowledgement_not_found", "acknowledgement_invalid", "acknowledgement_conflict",
        "student_not_served", "ledger_range_invalid", "acknowledgement_already_signed", "acknowledgement_not_signed",
        "acknowledgement_deadline_passed", "acknowledgement_code_mismatch", "trusted_signing_disabled", "bad_request",
        "bad_request_line",
        "bare_line_feed", "uri_too_long", "header_too_large", "too_many_headers", "invalid_header_name",
        "invalid_header_value", "whitespace_before_colon", "obsolete_line_folding", "missing_host",
        "content_length_and_transfer_encoding", "duplicate_content_length", "invalid_content_length",
        "unsupported_transfer_encoding", "invalid_chunk", "body_too_large", "unsupported_expectation",
        "method_not_implemented", "version_not_supported", "request_timeout", "not_found",
        "method_not_allowed", "unsupported_media_type", "invalid_json", "service_busy", "not_ready",
        "storage_unavailable",
        "unauthorized", "server_error", "invalid_request_target", "duplicate_host", "invalid_host",
        "invalid_transfer_encoding"
      ]
    },
    "UnixTime": {
      "type": "integer",
      "format": "int64",
      "description": "Whole seconds since 1970-01-01T00:00:00Z."
    },
    "AccountID": { "type": "string", "pattern": "^acc_[A-Za-z0-9_-]{22}$" },
    "SchoolID": { "type": "string", "pattern": "^sch_[A-Za-z0-9_-]{22}$" },
    "ClassID": { "type": "string", "pattern": "^cls_[A-Za-z0-9_-]{22}$" },
    "EnrolmentID": { "type": "string", "pattern": "^enr_[A-Za-z0-9_-]{22}$" },
    "BatchID": { "type": "string", "pattern": "^bat_[A-Za-z0-9_-]{22}$" },
    "Role": {
      "type": "string",
      "enum": ["student", "guardian", "trusted_person", "teacher", "school_admin", "platform_admin"]
    },
    "Status": {
      "type": "object",
      "required": ["status"],
      "properties": { "status": { "type": "string" } }
    },
    "JWKS": {
      "type": "object",
      "description": "The token signing keys: next, active and recently retired (RFC 7517 §5).",
      "required": ["keys"],
      "properties": { "keys": { "type": "array", "items": { "type": "object", "required": ["kty", "kid"] } } }
    },
    "LoginRequest": {
      "type": "object",
      "required": ["login", "password"],
      "properties": {
        "login": { "type": "string", "description": "Case-insensitive ASCII." },
        "password": { "type": "string" }
      }
    },
    "LoggedIn": {
      "type": "object",
      "required": ["status", "account_id", "session_token", "csrf_token", "expires_at"],
      "properties": {
        "status": { "const": "logged_in" },
        "account_id": { "$ref": "#/components/schemas/AccountID" },
        "session_token": { "type": "string", "description": "Send as `Authorization: Bearer`; the cookie carries the same token." },
        "csrf_token": { "type": "string", "description": "Send as `X-CSRF-Token` with the session cookie." },
        "expires_at": { "$ref": "#/components/schemas/UnixTime" }
      }
    },
    "PasswordChangeRequired": {
      "type": "object",
      "description": "The password verified but is temporary: set a new one with `change_ticket` before anything else.",
      "required": ["status", "account_id", "change_ticket", "expires_at"],
      "properties": {
        "status": { "const": "password_change_required" },
        "account_id": { "$ref": "#/components/schemas/AccountID" },
        "change_ticket": { "type": "string", "description": "Good only for `POST /v1/password/change`." },
        "expires_at": { "$ref": "#/components/schemas/UnixTime" }
      }
    },
    "ConsentRequired": \#(consentRequiredSchema),
    "Acknowledgement": \#(acknowledgementSchema),
    "SecondFactorRequired": {
      "type": "object",
      "description": "The password verified and the account has a second factor: no session yet; present a code with `POST /v1/login/second-factor`.",
      "required": ["status", "account_id", "second_factor_ticket", "methods", "expires_at"],
      "properties": {
        "status": { "const": "second_factor_required" },
        "account_id": { "$ref": "#/components/schemas/AccountID" },
        "second_factor_ticket": { "type": "string", "description": "Good only for `POST /v1/login/second-factor`, once." },
        "methods": { "type": "array", "items": { "type": "string", "enum": ["totp", "sms", "recovery_code"] }, "description": "What the second step accepts (`sms` only when policy allows it and the account enrolled it)." },
        "expires_at": { "$ref": "#/components/schemas/UnixTime" }
      }
    },
    "SecondFactorEnrolmentRequired": {
      "type": "object",
      "description": "The password verified; a second factor is mandatory for the account's roles (staff, platform admins) and none is enrolled. Enrol TOTP with `enrolment_ticket` as Bearer (`POST /v1/me/second-factors/totp`, then `/confirm`); confirming logs in.",
      "required": ["status", "account_id", "enrolment_ticket", "expires_at"],
      "properties": {
        "status": { "const": "second_factor_enrolment_required" },
        "account_id": { "$ref": "#/components/schemas/AccountID" },
        "enrolment_ticket": { "type": "string", "description": "Accepted only by the TOTP enrolment routes." },
        "expires_at": { "$ref": "#/components/schemas/UnixTime" }
      }
    },
    "PasswordChangeRequest": {
      "type": "object",
      "description": "Either `change_ticket` (after a temporary-password login), or a session and `current_password`.",
      "required": ["new_password"],
      "properties": {
        "change_ticket": { "type": "string" },
        "current_password": { "type": "string" },
        "new_password": { "type": "string", "description": "Minimum length per role from policy, at most 128 characters after NFKC; not the login, the temporary password or a blocklisted one." }
      }
    },
    "Me": {
      "type": "object",
      "required": ["account_id", "category", "roles", "memberships", "classes", "amr", "acr", "second_factor_at"],
      "properties": {
        "account_id": { "$ref": "#/components/schemas/AccountID" },
        "login": { "type": "string" },
        "category": { "type": "string", "enum": ["student", "adult"] },
        "roles": { "type": "array", "items": { "$ref": "#/components/schemas/Role" } },
        "memberships": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["role"],
            "properties": {
              "role": { "$ref": "#/components/schemas/Role" },
              "school_id": { "$ref": "#/components/schemas/SchoolID" }
            }
          }
        },
        "classes": { "type": "array", "description": "Classes the account teaches.", "items": { "$ref": "#/components/schemas/ClassID" } },
        "amr": {
          "type": "array",
          "description": "Authentication methods proven in this session (RFC 8176 §2): pwd, then otp (TOTP or recovery code) or sms.",
          "items": { "type": "string", "enum": ["pwd", "otp", "sms"] }
        },
        "acr": {
          "type": "string",
          "enum": ["1", "2"],
          "description": "Authentication strength of this session: \"1\" a password only, \"2\" a password and a second factor."
        },
        "second_factor_at": {
          "description": "When a second factor was last proven in this session (login or step-up); null when never. Step-up needs it within step_up_seconds.",
          "oneOf": [{ "$ref": "#/components/schemas/UnixTime" }, { "type": "null" }]
        }
      }
    },
    "SchoolCreate": {
      "type": "object",
      "required": ["code", "name", "region"],
      "properties": {
        "code": { "type": "string", "pattern": "^[a-z0-9]{2,12}$", "description": "Used in logins." },
        "name": { "type": "string" },
        "region": { "type": "string" },
        "time_zone": { "type": "string", "description": "IANA time zone.", "default": "Europe/Moscow" }
      }
    },
    "School": {
      "type": "object",
      "required": ["id", "code", "name", "region", "time_zone"],
      "properties": {
        "id": { "$ref": "#/components/schemas/SchoolID" },
        "code": { "type": "string" },
        "name": { "type": "string" },
        "region": { "type": "string" },
        "time_zone": { "type": "string" }
      }
    },
    "SchoolList": {
      "type": "object",
      "required": ["schools"],
      "properties": { "schools": { "type": "array", "items": { "$ref": "#/components/schemas/School" } } }
    },
    "ClassCreate": {
      "type": "object",
      "required": ["grade", "letter"],
      "properties": {
        "grade": { "type": "integer", "minimum": 1, "maximum": 11 },
        "letter": { "type": "string", "description": "One letter А–Я without Ё, Й, Ъ, Ы, Ь.", "minLength": 1, "maxLength": 1 },
        "school_year_start": { "type": "integer", "minimum": 2000, "maximum": 2100, "description": "Defaults to the current school year." },
        "teacher_ids": { "type": "array", "items": { "$ref": "#/components/schemas/AccountID" } }
      }
    },
    "SchoolClass": {
      "type": "object",
      "required": ["id", "school_id", "grade", "letter", "school_year_start", "name", "teacher_ids"],
      "properties": {
        "id": { "$ref": "#/components/schemas/ClassID" },
        "school_id": { "$ref": "#/components/schemas/SchoolID" },
        "grade": { "type": "integer" },
        "letter": { "type": "string" },
        "school_year_start": { "type": "integer" },
        "name": { "type": "string", "examples": ["7Б"] },
        "teacher_ids": { "type": "array", "items": { "$ref": "#/components/schemas/AccountID" } }
      }
    },
    "ClassList": {
      "type": "object",
      "required": ["classes"],
      "properties": { "classes": { "type": "array", "items": { "$ref": "#/components/schemas/SchoolClass" } } }
    },
    "StaffCreate": {
      "type": "object",
      "required": ["role", "login", "last_name", "first_name"],
      "properties": {
        "role": { "type": "string", "enum": ["teacher", "school_admin"] },
        "login": { "type": "string" },
        "last_name": { "type": "string" },
        "first_name": { "type": "string" },
        "patronymic": { "type": "string" }
      }
    },
    "StaffCreated": {
      "type": "object",
      "required": ["account_id", "role"],
      "properties": {
        "account_id": { "$ref": "#/components/schemas/AccountID" },
        "login": { "type": "string" },
        "role": { "type": "string", "enum": ["teacher", "school_admin"] },
        "temporary_password": { "type": "string", "description": "Single-use; present when a new account was created." },
        "temporary_password_expires_at": { "$ref": "#/components/schemas/UnixTime" }
      }
    },
    "TeacherAssignment": {
      "type": "object",
      "required": ["account_id"],
      "properties": { "account_id": { "$ref": "#/components/schemas/AccountID" } }
    },
    "Student": {
      "type": "object",
      "required": ["account_id", "enrolment_id", "locked"],
      "properties": {
        "account_id": { "$ref": "#/components/schemas/AccountID" },
        "login": { "type": "string" },
        "enrolment_id": { "$ref": "#/components/schemas/EnrolmentID" },
        "last_name": { "type": "string" },
        "first_name": { "type": "string" },
        "patronymic": { "type": "string" },
        "locked": { "type": "boolean" }
      }
    },
    "StudentList": {
      "type": "object",
      "required": ["students"],
      "properties": { "students": { "type": "array", "items": { "$ref": "#/components/schemas/Student" } } }
    },
    "Roster": {
      "type": "object",
      "required": ["students"],
      "additionalProperties": false,
      "properties": {
        "students": {
          "type": "array",
          "minItems": 1,
          "maxItems": 2000,
          "items": {
            "type": "object",
            "required": ["last_name", "first_name"],
            "additionalProperties": false,
            "properties": {
              "last_name": { "type": "string" },
              "first_name": { "type": "string" },
              "patronymic": { "type": "string" },
              "birth_date": { "type": "string", "format": "date" }
            }
          }
        }
      }
    },
    "CredentialBatch": {
      "type": "object",
      "required": ["id", "class_id", "status", "total", "completed", "links"],
      "properties": {
        "id": { "$ref": "#/components/schemas/BatchID" },
        "class_id": { "$ref": "#/components/schemas/ClassID" },
        "status": { "type": "string", "enum": ["queued", "running", "finished", "failed"] },
        "total": { "type": "integer" },
        "completed": { "type": "integer" },
        "failure": { "type": "string", "description": "The error code of a failed batch." },
        "purge_at": { "$ref": "#/components/schemas/UnixTime" },
        "links": {
          "type": "object",
          "required": ["self", "csv", "slips"],
          "properties": {
            "self": { "type": "string" },
            "csv": { "type": "string", "description": "The one-time CSV of logins and temporary passwords." },
            "slips": { "type": "string", "description": "The one-time printable slip page (HTML)." }
          }
        }
      }
    },
    "TemporaryPasswordIssued": {
      "type": "object",
      "required": ["account_id", "temporary_password", "expires_at"],
      "properties": {
        "account_id": { "$ref": "#/components/schemas/AccountID" },
        "login": { "type": "string" },
        "temporary_password": { "type": "string" },
        "expires_at": { "$ref": "#/components/schemas/UnixTime" }
      }
    },
    "AuditEvent": {
      "type": "object",
      "required": ["sequence", "at", "action", "client_address", "request_id", "detail"],
      "properties": {
        "sequence": { "type": "integer", "format": "int64" },
        "at": { "$ref": "#/components/schemas/UnixTime" },
        "action": { "type": "string", "examples": ["login.failed", "temporary_password.reissued"] },
        "actor_id": { "$ref": "#/components/schemas/AccountID" },
        "target_id": { "type": "string" },
        "school_id": { "$ref": "#/components/schemas/SchoolID" },
        "client_address": { "type": "string" },
        "request_id": { "type": "string" },
        "detail": { "type": "string" }
      }
    },
    "AuditEventList": {
      "type": "object",
      "required": ["events"],
      "properties": { "events": { "type": "array", "items": { "$ref": "#/components/schemas/AuditEvent" } } }
    }
  }
}
"""#
}
