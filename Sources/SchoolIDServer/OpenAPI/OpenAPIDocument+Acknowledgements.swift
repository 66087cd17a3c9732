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
      "summary": "The acknowledgements about a student, oldest first: for a diary service (access token with `ack:request`) its own requests, for a guardian with a session every request about their linked child (a trusted person with `diary` too when `trusted_persons_may_sign`).",
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
      "summary": "One acknowledgement: the requesting diary service's own, or one about a guardian's linked child. A signed (or withdrawn) one carries `receipt` (while its body is kept, see `receipt_bodies_days`), `proof` (its inclusion in a signed checkpoint, one signed on demand when the newest does not cover it) and, once withdrawn, `withdrawal`.",
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
  },
  "/v1/acknowledgements/{acknowledgement_id}/code": {
    "post": {
      "tags": ["acknowledgements"],
      "operationId": "sendAcknowledgementCode",
      "summary": "Sends the signer an SMS code bound to this acknowledgement, its digest and the signer; the SMS names the action and the title cut to 40 characters.",
      "security": [{ "sessionBearer": [] }, { "sessionCookie": [], "csrfToken": [] }, { "secureSessionCookie": [], "csrfToken": [] }],
      "parameters": [{ "name": "acknowledgement_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^ack_[A-Za-z0-9_-]{22}$" } }],
      "responses": {
        "201": { "description": "Sent.", "content": { "application/json": { "schema": { "type": "object", "required": ["challenge_id", "expires_at", "resend_after"], "properties": { "challenge_id": { "type": "string" }, "expires_at": { "$ref": "#/components/schemas/UnixTime" }, "resend_after": { "$ref": "#/components/schemas/UnixTime" } } } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`permission_denied` (a student), `trusted_signing_disabled`, `phone_not_allowed`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`acknowledgement_not_found`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`acknowledgement_already_signed`, `phone_not_verified`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "410": { "description": "`acknowledgement_deadline_passed`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/acknowledgements/{acknowledgement_id}/sign": {
    "post": {
      "tags": ["acknowledgements"],
      "operationId": "signAcknowledgement",
      "summary": "Signs: a guardian (or a trusted person with `diary` when policy allows) confirms with the SMS code or the password. The receipt (`typ: ack+jwt`) is appended to the ledger in the same transaction; `ack.signed` is audited. Of parallel signings exactly one succeeds.",
      "security": [{ "sessionBearer": [] }, { "sessionCookie": [], "csrfToken": [] }, { "secureSessionCookie": [], "csrfToken": [] }],
      "parameters": [{ "name": "acknowledgement_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^ack_[A-Za-z0-9_-]{22}$" } }],
      "requestBody": { "required": true, "content": { "application/json": { "schema": { "oneOf": [
        { "type": "object", "required": ["method", "challenge_id", "code"], "properties": { "method": { "const": "sms-otp" }, "challenge_id": { "type": "string" }, "code": { "type": "string" } }, "additionalProperties": false },
        { "type": "object", "required": ["method", "password"], "properties": { "method": { "const": "password" }, "password": { "type": "string" } }, "additionalProperties": false }
      ] } } } },
      "responses": {
        "201": { "description": "Signed: the acknowledgement with `receipt`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Acknowledgement" } } } },
        "400": { "description": "`bad_request`, `code_invalid` (wrong, used or another signer's code), `acknowledgement_code_mismatch` (a code sent for another acknowledgement or digest).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "description": "`unauthorized`, `invalid_credentials` (a wrong password, counted like a failed login).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "description": "`permission_denied` (a student), `trusted_signing_disabled`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`acknowledgement_not_found`: none, or not the caller's child.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`acknowledgement_already_signed`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "410": { "description": "`code_expired`, `code_exhausted`, `acknowledgement_deadline_passed`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  },
  "/v1/acknowledgements/{acknowledgement_id}/withdraw": {
    "post": {
      "tags": ["acknowledgements"],
      "operationId": "withdrawAcknowledgement",
      "summary": "The signer withdraws a signature with the password: a withdrawal entry (`typ: ack-withdrawal+jwt`, `withdraws` = the receipt's ledger index) is appended; the receipt stays in the ledger. `ack.withdrawn` is audited.",
      "security": [{ "sessionBearer": [] }, { "sessionCookie": [], "csrfToken": [] }, { "secureSessionCookie": [], "csrfToken": [] }],
      "parameters": [{ "name": "acknowledgement_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^ack_[A-Za-z0-9_-]{22}$" } }],
      "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["password"], "properties": { "password": { "type": "string" } } } } } },
      "responses": {
        "200": { "description": "Withdrawn: the acknowledgement with `withdrawal`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Acknowledgement" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "description": "`unauthorized`, `invalid_credentials`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "description": "`permission_denied` (not the signer, a student), `trusted_signing_disabled`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`acknowledgement_not_found`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`acknowledgement_not_signed`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "429": { "$ref": "#/components/responses/TooManyRequests" }
      }
    }
  }
"""#

    /// An acknowledgement request as the API shows it.
    static let acknowledgementSchema = #"""
{
  "type": "object",
  "required": ["id", "client_id", "student", "document", "title", "digest", "deadline", "state", "created_at", "signed_at", "signed_by", "ledger_index", "withdrawn_at", "withdrawal_index"],
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
    "signed_by": { "type": ["string", "null"] },
    "ledger_index": { "type": ["integer", "null"], "minimum": 0, "description": "The receipt's entry in the ledger." },
    "withdrawn_at": { "type": ["integer", "null"] },
    "withdrawal_index": { "type": ["integer", "null"], "minimum": 0, "description": "The withdrawal's entry in the ledger." },
    "receipt": { "type": ["string", "null"], "description": "The receipt JWS (`typ: ack+jwt`); `null` once its body was destroyed under retention (the diary service keeps its copy)." },
    "withdrawal": { "type": ["string", "null"], "description": "The withdrawal JWS (`typ: ack-withdrawal+jwt`)." },
    "proof": { "type": "object", "required": ["leaf_index", "tree_size", "inclusion", "checkpoint"], "description": "RFC 9162 §2.1.3 inclusion of the receipt in the tree a checkpoint signs.", "properties": {
      "leaf_index": { "type": "integer", "minimum": 0 },
      "tree_size": { "type": "integer", "minimum": 1 },
      "inclusion": { "type": "array", "items": { "type": "string", "pattern": "^[0-9a-f]{64}$" } },
      "checkpoint": { "type": "string", "description": "The checkpoint JWS (`typ: checkpoint+jwt`) of `tree_size`." }
    } }
  }
}
"""#
}
