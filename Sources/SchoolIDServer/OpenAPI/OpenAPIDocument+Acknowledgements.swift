extension OpenAPIDocument {
    /// Acknowledgement requests (issue 10): a diary service asks a student's guardians
    /// to acknowledge a document; the client and the guardians read them back.
    static let acknowledgementPaths = #"""
  "/v1/acknowledgements": {
    "post": {
      "tags": ["acknowledgements"],
      "operationId": "requestAcknowledgement",
      "summary": "A diary service asks the guardians of a student to acknowledge a document; each active guardian is notified (outbox) and `ack.requested` is audited.",
      "description": "Authenticated by a `client_credentials` access token (RFC 6749 §4.4) carrying the `ack:request` scope, as `Authorization: Bearer`. The student must be enrolled in a school the client serves (`403 student_not_served`). Idempotent on (client, `document`, `digest`): the same request answers 200 with the stored acknowledgement (no new notification); the same document and digest about another student is `409 acknowledgement_conflict`.",
      "security": [{ "bearerAccessToken": [] }],
      "requestBody": { "required": true, "content": { "application/json": { "schema": {
        "type": "object", "required": ["student", "document", "title", "digest"],
        "properties": {
          "student": { "$ref": "#/components/schemas/AccountID" },
          "document": { "type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[!-~]+$", "description": "The client's id of the document." },
          "title": { "type": "string", "minLength": 1, "maxLength": 200, "description": "Shown to the guardian; stored sealed under the student's key." },
          "digest": { "type": "string", "pattern": "^[0-9a-f]{64}$", "description": "SHA-256 of the document's bytes, lowercase hex." },
          "deadline": { "$ref": "#/components/schemas/UnixTime", "description": "Optional; in the future." }
        } } } } },
      "responses": {
        "200": { "description": "Already requested: the stored acknowledgement.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Acknowledgement" } } } },
        "201": { "description": "Requested.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Acknowledgement" } } } },
        "400": { "description": "`acknowledgement_invalid` (the detail names the field), `identifier_invalid`, `invalid_json`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`permission_denied` (not a client_credentials token, no `ack:request` scope, a session), `student_not_served`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`acknowledgement_conflict`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    },
    "get": {
      "tags": ["acknowledgements"],
      "operationId": "listAcknowledgements",
      "summary": "The acknowledgements about a student, oldest first: for a diary service (access token with `ack:request`) its own requests, for a guardian with a session their linked child's pending and signed ones.",
      "security": [{ "bearerAccessToken": [] }, { "sessionBearer": [] }, { "sessionCookie": [], "csrfToken": [] }, { "secureSessionCookie": [], "csrfToken": [] }],
      "parameters": [{ "name": "student", "in": "query", "required": true, "schema": { "$ref": "#/components/schemas/AccountID" } }],
      "responses": {
        "200": { "description": "The acknowledgements.", "content": { "application/json": { "schema": { "type": "object", "required": ["acknowledgements"], "properties": { "acknowledgements": { "type": "array", "items": { "$ref": "#/components/schemas/Acknowledgement" } } } } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`permission_denied` (a token without `ack:request`).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`account_not_found`: not a linked child of the guardian.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  },
  "/v1/acknowledgements/{acknowledgement_id}": {
    "get": {
      "tags": ["acknowledgements"],
      "operationId": "getAcknowledgement",
      "summary": "One acknowledgement: the requesting diary service's own, or a linked child's pending or signed one for a guardian. The receipt and its inclusion proof come with the ledger.",
      "security": [{ "bearerAccessToken": [] }, { "sessionBearer": [] }, { "sessionCookie": [], "csrfToken": [] }, { "secureSessionCookie": [], "csrfToken": [] }],
      "parameters": [{ "name": "acknowledgement_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^ack_[A-Za-z0-9_-]{22}$" } }],
      "responses": {
        "200": { "description": "The acknowledgement.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Acknowledgement" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`permission_denied` (a token without `ack:request`).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`acknowledgement_not_found`: none, or not the caller's to see.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  }
"""#

    /// An acknowledgement request as the API shows it.
    static let acknowledgementSchema = #"""
{
  "type": "object",
  "required": ["id", "client_id", "student", "document", "title", "digest", "deadline", "state", "created_at", "signed_at", "signed_by"],
  "properties": {
    "id": { "type": "string", "pattern": "^ack_[A-Za-z0-9_-]{22}$" },
    "client_id": { "type": "string" },
    "student": { "$ref": "#/components/schemas/AccountID" },
    "document": { "type": "string" },
    "title": { "type": ["string", "null"], "description": "`null` when the student's data was erased." },
    "digest": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
    "deadline": { "type": ["integer", "null"] },
    "state": { "type": "string", "enum": ["pending", "signed", "withdrawn"] },
    "created_at": { "$ref": "#/components/schemas/UnixTime" },
    "signed_at": { "type": ["integer", "null"] },
    "signed_by": { "type": ["string", "null"] }
  }
}
"""#
}
