extension OpenAPIDocument {
    /// The request body of both SNILS `PUT`s.
    static let snilsRequestBody = #"""
{ "required": true, "content": { "application/json": { "schema": {
        "type": "object", "required": ["snils"],
        "properties": { "snils": { "type": "string", "description": "11 digits with or without separators: `123-456-789 64` or `12345678964`. The check number must match (numbers up to 001-001-998 are not checked)." } }
      } } } }
"""#

    /// What every SNILS answer carries.
    static let snilsRecordResponse = #"""
{
          "description": "The account's SNILS.",
          "content": { "application/json": { "schema": {
            "type": "object", "required": ["snils", "status", "updated_at"],
            "properties": {
              "snils": { "type": "string", "pattern": "^[0-9]{3}-[0-9]{3}-[0-9]{3} [0-9]{2}$" },
              "status": { "type": "string", "enum": ["declared", "verified"], "description": "`declared`: typed by the person; `verified`: entered by staff who saw the document." },
              "updated_at": { "type": "integer", "format": "int64" }
            }
          } } }
        }
"""#

    /// The SNILS of accounts (issue 7).
    static let snilsPaths = #"""
  "/v1/me/snils": {
    "get": {
      "tags": ["snils"],
      "operationId": "getMySNILS",
      "summary": "The caller's SNILS and who vouched for it.",
      "responses": {
        "200": \#(snilsRecordResponse),
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "404": { "description": "`not_found`: the caller has no SNILS.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    },
    "put": {
      "tags": ["snils"],
      "operationId": "declareMySNILS",
      "summary": "The caller enters their SNILS as `declared`, replacing the one they had; typing again the number staff verified keeps it verified. Declared numbers may repeat across accounts. Audited as `snils.declared` (never the number).",
      "requestBody": \#(snilsRequestBody),
      "responses": {
        "200": \#(snilsRecordResponse),
        "400": { "description": "`snils_invalid` (`field`: `snils`): not 11 digits or a wrong check number; `invalid_json`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    },
    "delete": {
      "tags": ["snils"],
      "operationId": "clearMySNILS",
      "summary": "The caller removes their SNILS, declared or verified. Audited as `snils.cleared` when there was one.",
      "responses": {
        "204": { "description": "Removed, or there was none." },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    }
  },
  "/v1/accounts/{account_id}/snils": {
    "parameters": [{ "$ref": "#/components/parameters/AccountID" }],
    "get": {
      "tags": ["snils"],
      "operationId": "getAccountSNILS",
      "summary": "An account's SNILS, for the account itself or staff who manage it (a school admin for students and staff of their school, a platform admin for anyone).",
      "responses": {
        "200": \#(snilsRecordResponse),
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "description": "`account_not_found`, or `not_found`: the account has no SNILS.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    },
    "put": {
      "tags": ["snils"],
      "operationId": "verifyAccountSNILS",
      "summary": "Staff who saw the document set an account's SNILS as `verified` (replacing a declared or different one). The caller must manage the account and cannot verify their own. A verified SNILS belongs to one account. Audited as `snils.verified` (never the number).",
      "requestBody": \#(snilsRequestBody),
      "responses": {
        "200": \#(snilsRecordResponse),
        "400": { "description": "`snils_invalid` (`field`: `snils`), `identifier_invalid` or `invalid_json`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "409": { "description": "`snils_taken`: another account holds this SNILS verified.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  }
"""#
}
