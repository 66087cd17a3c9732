extension OpenAPIDocument {
    /// The invitation id path parameter.
    static let invitationIDParameter = #"""
{ "name": "invitation_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^tin_[A-Za-z0-9_-]{22}$" } }
"""#

    /// What every invitation answer carries.
    static let invitationSchema = #"""
{
            "type": "object", "required": ["id", "student_id", "services", "state", "identifier_kind", "created_at", "lapses_at"],
            "properties": {
              "id": { "type": "string" },
              "student_id": { "$ref": "#/components/schemas/AccountID" },
              "services": { "type": "array", "items": { "type": "string", "enum": ["diary", "attendance", "nutrition"] } },
              "state": { "type": "string", "enum": ["invited", "lapsed", "declined", "accepted", "active", "revoked", "expired"], "description": "`lapsed`, `active` and `expired` follow from the times; `accepted` waits for the activation delay or guardians' approvals." },
              "identifier_kind": { "type": "string", "enum": ["phone", "snils"] },
              "created_at": { "type": "integer", "format": "int64" },
              "lapses_at": { "type": "integer", "format": "int64", "description": "End of the acceptance window (exclusive)." },
              "active_from": { "type": "integer", "format": "int64" },
              "expires_at": { "type": "integer", "format": "int64", "description": "Local midnight starting 1 September in the school's time zone, as UTC seconds, or the guardian's earlier last day." }
            }
          }
"""#

    static let invitationError = ##"{ "$ref": "#/components/schemas/Error" }"##

    /// A `POST /v1/invitations/{invitation_id}/…` action.
    static func invitationAction(_ operation: String, _ summary: String, _ conflict: String) -> String {
        #"""
    "post": {
      "tags": ["trusted-persons"],
      "operationId": "\#(operation)",
      "summary": "\#(summary)",
      "responses": {
        "204": { "description": "Done." },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "description": "`invitation_not_found`: unknown, or not the caller's to act on.", "content": { "application/json": { "schema": \#(invitationError) } } },
        "409": { "description": "\#(conflict)", "content": { "application/json": { "schema": \#(invitationError) } } },
        "410": { "description": "`invitation_lapsed`.", "content": { "application/json": { "schema": \#(invitationError) } } }
      }
    }
"""#
    }

    /// Trusted persons (issue 7).
    static let trustedAccessPaths = #"""
  "/v1/me/children/{account_id}/invitations": {
    "parameters": [{ "$ref": "#/components/parameters/AccountID" }],
    "post": {
      "tags": ["trusted-persons"],
      "operationId": "inviteTrustedPerson",
      "summary": "A guardian of the child (step-up required) invites a trusted person, named by last name plus exactly one of phone or SNILS, to see the chosen services. A SNILS invitation answers an acceptance code once, which the guardian passes on out of band (needed when the invitee's SNILS is only declared). The other guardians are notified. Audited as `trusted_invitation.created`.",
      "requestBody": { "required": true, "content": { "application/json": { "schema": {
        "type": "object", "required": ["last_name", "services"],
        "properties": {
          "last_name": { "type": "string" },
          "phone": { "type": "string", "description": "E.164 or a Russian `8…` number." },
          "snils": { "type": "string", "description": "11 digits with or without separators." },
          "services": { "type": "array", "minItems": 1, "items": { "type": "string", "enum": ["diary", "attendance", "nutrition"] } },
          "last_day": { "type": "string", "format": "date", "description": "Optional last day of access in the school's calendar (before the school year's end)." }
        } } } } },
      "responses": {
        "201": { "description": "The invitation.", "content": { "application/json": { "schema": {
          "type": "object", "required": ["invitation"],
          "properties": { "invitation": \#(invitationSchema), "acceptance_code": { "type": "string", "description": "`XXXXX-XXXXX`, SNILS invitations only; shown once." } }
        } } } },
        "400": { "description": "`invitee_invalid`, `name_invalid` (`last_name`), `phone_invalid_format`/`phone_invalid_length` (`phone`), `snils_invalid` (`snils`), `date_invalid` (`last_day`), `bad_request` (`services`), `invalid_json`.", "content": { "application/json": { "schema": \#(invitationError) } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`permission_denied`: a student, or not an active guardian of the child (a trusted person cannot invite); `step_up_required`.", "content": { "application/json": { "schema": \#(invitationError) } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/me/invitations/sent": {
    "get": {
      "tags": ["trusted-persons"],
      "operationId": "listSentInvitations",
      "summary": "Every invitation for the caller's linked children, whoever of the guardians sent it, with the invitee's last name and a two-digit hint.",
      "responses": {
        "200": { "description": "The invitations.", "content": { "application/json": { "schema": {
          "type": "object", "required": ["invitations"],
          "properties": { "invitations": { "type": "array", "items": {
            "type": "object", "required": ["invitation", "invitee_last_name", "invitee_hint", "sent_by_me", "approvals_pending"],
            "properties": { "invitation": \#(invitationSchema), "invitee_last_name": { "type": "string" }, "invitee_hint": { "type": "string" },
              "sent_by_me": { "type": "boolean" }, "approvals_pending": { "type": "array", "items": { "$ref": "#/components/schemas/AccountID" } } } } } }
        } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    }
  },
  "/v1/me/invitations/received": {
    "get": {
      "tags": ["trusted-persons"],
      "operationId": "listReceivedInvitations",
      "summary": "Invitations the caller's account matches now (last name, and verified phone or SNILS; never others) and those they accepted or declined. Names are hidden while an acceptance code is required.",
      "responses": {
        "200": { "description": "The invitations.", "content": { "application/json": { "schema": {
          "type": "object", "required": ["invitations"],
          "properties": { "invitations": { "type": "array", "items": {
            "type": "object", "required": ["invitation", "acceptance_code_required"],
            "properties": { "invitation": \#(invitationSchema), "acceptance_code_required": { "type": "boolean" },
              "student_name": { "type": "string" }, "guardian_name": { "type": "string" } } } } }
        } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" }
      }
    }
  },
  "/v1/invitations/{invitation_id}/accept": {
    "parameters": [\#(invitationIDParameter)],
    "post": {
      "tags": ["trusted-persons"],
      "operationId": "acceptInvitation",
      "summary": "The matching invitee accepts within the window; access starts after the activation delay. A declared-SNILS match needs `acceptance_code` (wrong codes count like wrong passwords). Audited as `trusted_invitation.accepted`; the guardians are notified.",
      "requestBody": { "required": false, "content": { "application/json": { "schema": {
        "type": "object", "properties": { "acceptance_code": { "type": "string" } } } } } },
      "responses": {
        "200": { "description": "The accepted invitation.", "content": { "application/json": { "schema": \#(invitationSchema) } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`permission_denied` (a student account), `acceptance_code_invalid`.", "content": { "application/json": { "schema": \#(invitationError) } } },
        "404": { "description": "`invitation_not_found`: unknown, or the caller does not match it.", "content": { "application/json": { "schema": \#(invitationError) } } },
        "409": { "description": "`invitation_not_pending`.", "content": { "application/json": { "schema": \#(invitationError) } } },
        "410": { "description": "`invitation_lapsed`.", "content": { "application/json": { "schema": \#(invitationError) } } },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/invitations/{invitation_id}/decline": {
    "parameters": [\#(invitationIDParameter)],
\#(invitationAction("declineInvitation", "The matching invitee declines. Audited as `trusted_invitation.declined`.", "`invitation_not_pending`."))
  },
  "/v1/invitations/{invitation_id}/revoke": {
    "parameters": [\#(invitationIDParameter)],
\#(invitationAction("revokeInvitation", "Any guardian of the child (or the trusted person) ends an invitation or grant; access stops at once. Audited as `trusted_invitation.revoked`.", "`invitation_not_pending`: declined, lapsed, revoked or expired."))
  },
  "/v1/invitations/{invitation_id}/approve": {
    "parameters": [\#(invitationIDParameter)],
\#(invitationAction("approveInvitation", "A guardian gives the approval activation waits for (policy `require_all_guardians_approval`). Audited as `trusted_invitation.approved`.", "`invitation_not_pending`: no approval of the caller is awaited, or it is over."))
  }
"""#
}
