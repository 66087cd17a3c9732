extension OpenAPIDocument {
    /// `DELETE /v1/me` (issue 8), placed in the `/v1/me` member of ``corePaths``.
    static let deleteMeOperation = #"""
{
      "tags": ["access"],
      "operationId": "deleteMe",
      "summary": "Deletes the caller's own account (adults without an active staff membership; needs a step-up). Every session is revoked, guardian links end (children stay with their other guardians and school), contacts, SNILS, second factors, invitations and messages to the caller go, the owner key that sealed the names is destroyed and the write-ahead log is truncated. The row stays as a tombstone with a pseudonymous id for the audit log; an adult's chosen login becomes free. Audited as `account.deleted` (counts, never values).",
      "responses": {
        "204": { "description": "Deleted; the session used is revoked." },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`account_deletion_not_allowed` (staff, students), `step_up_required`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
"""#

    /// `DELETE /v1/accounts/{account_id}` (issue 8).
    static let accountDeletionPaths = #"""
  "/v1/accounts/{account_id}": {
    "parameters": [{ "$ref": "#/components/parameters/AccountID" }],
    "delete": {
      "tags": ["directory"],
      "operationId": "deleteStudentAccount",
      "summary": "Deletes a student's account when they leave: a school admin of the student's current school or a platform admin, with a step-up. Same crypto-shredding as `DELETE /v1/me`; the pattern login stays reserved; credential batches that still list the student are purged. Audited as `account.deleted`.",
      "responses": {
        "204": { "description": "Deleted." },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "description": "`permission_denied`, `school_not_assigned`, `step_up_required`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "`account_not_found`: unknown or already deleted.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "409": { "description": "`account_not_student`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  }
"""#
}
