extension OpenAPIDocument {
    /// The account export (issue 8).
    static let exportPaths = #"""
  "/v1/me/export": {
    "get": {
      "tags": ["personal-data"],
      "operationId": "exportMyData",
      "summary": "Everything SchoolID holds about the caller and each actively linked child, as one JSON document (GDPR Art. 15 and 20, 152-FZ art. 14): values opened from their sealed form, never a secret (no password or code hashes, TOTP seeds or session tokens). Needs a second factor proven in this session within `step_up_seconds` when step-up is enforced. Never cached (`Cache-Control: no-store`). Audited as `account.exported`.",
      "responses": {
        "200": {
          "description": "The export. Times are Unix seconds; absent values are `null`. `children` holds, per actively linked child, the same person sections without `sessions`; `audit_events` covers the last 180 days where the account or a listed child is actor or target.",
          "content": { "application/json": { "schema": {
            "type": "object",
            "required": ["format_version", "generated_at", "account", "contacts", "snils", "password", "second_factors", "recovery_codes", "sessions", "guardian_links", "link_codes", "trusted_invitations", "staff_memberships", "classes_taught", "enrolments", "children", "audit_events"],
            "properties": {
              "format_version": { "type": "integer", "const": 1 },
              "generated_at": { "type": "integer", "format": "int64" },
              "account": { "type": "object", "description": "`id`, `category`, `login`, `status`, `locale`, `created_at`, `updated_at`, `locked_at`, `consecutive_failures`, `has_second_factor` and `profile` (`last_name`, `first_name`, `patronymic`, `birth_date`)." },
              "contacts": { "type": "array", "items": { "type": "object", "description": "`kind` (`phone` or `email`), `value`, `verified_at`, `created_at`, `updated_at`." } },
              "snils": { "type": ["object", "null"], "description": "`value` (`123-456-789 64`), `status`, `created_at`, `updated_at`." },
              "password": { "type": ["object", "null"], "description": "`kind`, `issued_at`, `expires_at`, `single_use`, `used_at`; never the hash." },
              "second_factors": { "type": "array", "items": { "type": "object", "description": "`kind`, `created_at`, `confirmed_at`, `last_used_at`; never the secret." } },
              "recovery_codes": { "type": "array", "items": { "type": "object", "description": "`slot`, `used_at`; never the code." } },
              "sessions": { "type": "array", "items": { "type": "object", "description": "`id` (the public `ses_…` handle), `purpose`, `created_at`, `last_seen_at`, `idle_expires_at`, `absolute_expires_at`, `revoked_at`, `authenticated_at`, `amr`, `second_factor_at`." } },
              "guardian_links": { "type": "array", "items": { "type": "object" } },
              "link_codes": { "type": "array", "items": { "type": "object", "description": "`id`, `issued_by`, `created_at`, `expires_at`, `used_at`; never the code." } },
              "trusted_invitations": { "type": "array", "items": { "type": "object", "description": "`role` (`sent`, `received` or `child`), the invitation's fields, `invitee` (`kind`, `value`, `last_name` as the guardian entered them) and `approvals`." } },
              "staff_memberships": { "type": "array", "items": { "type": "object" } },
              "classes_taught": { "type": "array", "items": { "type": "object" } },
              "enrolments": { "type": "array", "items": { "type": "object", "description": "`id`, `school_id`, `school_code`, `school_name`, `class_id`, `class`, `school_year_start`, `started_at`, `ended_at`." } },
              "children": { "type": "array", "items": { "type": "object" } },
              "audit_events": { "type": "array", "items": { "type": "object", "description": "`sequence`, `at`, `action`, `actor_id`, `target_id`, `school_id`, `client_address`, `request_id`, `detail`." } }
            }
          } } }
        },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`step_up_required`: prove a second factor in this session first (`POST /v1/step-up`); `csrf_token_invalid` for a cookie without the CSRF token.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  }
"""#
}
