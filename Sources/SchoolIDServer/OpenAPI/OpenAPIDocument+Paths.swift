extension OpenAPIDocument {
    /// The `paths` object: one entry per non-HTML route, `{name}` for path parameters.
    /// Each group is a run of path members (JSON without the outer braces), one group
    /// per area, so an issue adds its own file instead of editing a shared one.
    static var paths: String { "{\n" + pathGroups.joined(separator: ",\n") + "\n}" }

    /// Every area's path members.
    static let pathGroups = [corePaths, registrationPaths, recoveryPaths, securityPaths, secondFactorLoginPaths,
                             factorManagementPaths, snilsPaths, exportPaths, guardianshipPaths, trustedAccessPaths,
                             accountDeletionPaths, consentPaths, clientPaths, oauthPaths, authorizePaths,
                             logoutPaths, introspectionPaths, acknowledgementPaths, ledgerPaths]

    /// Operations, access, directory, credentials and audit.
    static let corePaths = #"""
  "/healthz": {
    "get": {
      "tags": ["operations"],
      "operationId": "getHealth",
      "summary": "Liveness: the process answers.",
      "security": [],
      "responses": {
        "200": { "description": "`{\"status\": \"ok\"}`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } }
      }
    }
  },
  "/readyz": {
    "get": {
      "tags": ["operations"],
      "operationId": "getReadiness",
      "summary": "Readiness: the database answers and every token signing set has an active key.",
      "security": [],
      "responses": {
        "200": { "description": "`{\"status\": \"ready\"}`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } },
        "503": { "description": "`not_ready`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  },
  "/metrics": {
    "get": {
      "tags": ["operations"],
      "operationId": "getMetrics",
      "summary": "Prometheus metrics, for loopback clients or a bearer of the metrics token.",
      "security": [{}, { "metricsToken": [] }],
      "responses": {
        "200": { "description": "Prometheus text exposition format 0.0.4.", "content": { "text/plain": { "schema": { "type": "string" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" }
      }
    }
  },
  "/.well-known/jwks.json": {
    "get": {
      "tags": ["operations"],
      "operationId": "getJWKS",
      "summary": "The public keys that verify SchoolID tokens (cacheable).",
      "security": [],
      "responses": {
        "200": { "description": "The key set.", "content": { "application/jwk-set+json": { "schema": { "$ref": "#/components/schemas/JWKS" } } } }
      }
    }
  },
  "/v1/openapi.json": {
    "get": {
      "tags": ["operations"],
      "operationId": "getOpenAPIDocument",
      "summary": "This document (cacheable).",
      "security": [],
      "responses": {
        "200": { "description": "OpenAPI 3.1.", "content": { "application/json": { "schema": { "type": "object" } } } }
      }
    }
  },
  "/v1/login": {
    "post": {
      "tags": ["access"],
      "operationId": "login",
      "summary": "Logs in with login and password.",
      "description": "For SchoolID's own pages and API clients: a request whose `Origin` is another site is refused. Account-state codes (`temporary_password_expired`, `account_locked`, `account_disabled`) are returned only after the password verified; otherwise `invalid_credentials`. A login typed with Cyrillic look-alike letters gets `login_cyrillic_lookalike`.",
      "security": [],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/LoginRequest" } } }
      },
      "responses": {
        "200": {
          "description": "A session; a change ticket when the password is temporary; a second-factor ticket when the account has a second factor; an enrolment ticket when its roles require a factor and none is enrolled; a consent ticket when an adult has not accepted the current consent text.",
          "headers": { "Set-Cookie": { "$ref": "#/components/headers/SetSessionCookie" } },
          "content": {
            "application/json": {
              "schema": { "oneOf": [
                { "$ref": "#/components/schemas/LoggedIn" }, { "$ref": "#/components/schemas/PasswordChangeRequired" },
                { "$ref": "#/components/schemas/SecondFactorRequired" }, { "$ref": "#/components/schemas/SecondFactorEnrolmentRequired" },
                { "$ref": "#/components/schemas/ConsentRequired" }
              ] }
            }
          }
        },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "description": "`invalid_credentials`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "description": "`temporary_password_expired`, `account_locked`, `account_disabled` or `origin_not_allowed`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/logout": {
    "post": {
      "tags": ["access"],
      "operationId": "logout",
      "summary": "Ends the session and clears the cookie.",
      "responses": {
        "204": { "description": "Logged out.", "headers": { "Set-Cookie": { "$ref": "#/components/headers/SetSessionCookie" } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/password/change": {
    "post": {
      "tags": ["access"],
      "operationId": "changePassword",
      "summary": "Sets a new password, with a change ticket or with a session and the current password.",
      "description": "Other sessions of the account are revoked. With a session the answer is a fresh session carrying the old one's `amr`/`acr`. With a change ticket the login continues: `second_factor_required` for an account with a confirmed factor, `second_factor_enrolment_required` for staff without one, otherwise a session. Each policy rejection has its own code: `password_empty`, `password_too_short`, `password_too_long`, `password_invalid_character`, `password_blocklisted`, `password_contains_login`, `password_unchanged`.",
      "security": [{}, { "sessionBearer": [] }, { "sessionCookie": [], "csrfToken": [] }, { "secureSessionCookie": [], "csrfToken": [] }],
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PasswordChangeRequest" } } }
      },
      "responses": {
        "200": {
          "description": "The password is changed; a new session, or the ticket of the login step that follows.",
          "headers": { "Set-Cookie": { "$ref": "#/components/headers/SetSessionCookie" } },
          "content": { "application/json": { "schema": { "oneOf": [
            { "$ref": "#/components/schemas/LoggedIn" }, { "$ref": "#/components/schemas/SecondFactorRequired" },
            { "$ref": "#/components/schemas/SecondFactorEnrolmentRequired" }, { "$ref": "#/components/schemas/ConsentRequired" }
          ] } } }
        },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "description": "`password_change_ticket_invalid`, `invalid_credentials` (wrong current password) or `unauthorized`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "429": { "$ref": "#/components/responses/TooManyRequests" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/me": {
    "get": {
      "tags": ["access"],
      "operationId": "getMe",
      "summary": "The logged-in account, its roles, memberships and taught classes.",
      "responses": {
        "200": { "description": "The account.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Me" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    },
    "delete": \#(deleteMeOperation)
  },
  "/v1/schools": {
    "get": {
      "tags": ["directory"],
      "operationId": "listSchools",
      "summary": "Every school (platform admins).",
      "responses": {
        "200": { "description": "The schools.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SchoolList" } } } },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    },
    "post": {
      "tags": ["directory"],
      "operationId": "createSchool",
      "summary": "Creates a school (platform admins).",
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SchoolCreate" } } }
      },
      "responses": {
        "201": { "description": "The school.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/School" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "409": { "$ref": "#/components/responses/Conflict" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/schools/{school_id}/classes": {
    "parameters": [{ "$ref": "#/components/parameters/SchoolID" }],
    "get": {
      "tags": ["directory"],
      "operationId": "listClasses",
      "summary": "The school's classes with their teachers.",
      "responses": {
        "200": { "description": "The classes.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ClassList" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    },
    "post": {
      "tags": ["directory"],
      "operationId": "createClass",
      "summary": "Creates a class such as 7Б (school admins).",
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ClassCreate" } } }
      },
      "responses": {
        "201": { "description": "The class.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SchoolClass" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "409": { "$ref": "#/components/responses/Conflict" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/schools/{school_id}/staff": {
    "parameters": [{ "$ref": "#/components/parameters/SchoolID" }],
    "post": {
      "tags": ["directory"],
      "operationId": "addStaff",
      "summary": "Adds a teacher or school admin; a new account gets a single-use first password valid for 24 hours.",
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/StaffCreate" } } }
      },
      "responses": {
        "201": { "description": "The membership.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/StaffCreated" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "409": { "$ref": "#/components/responses/Conflict" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/classes/{class_id}/teachers": {
    "parameters": [{ "$ref": "#/components/parameters/ClassID" }],
    "post": {
      "tags": ["directory"],
      "operationId": "assignTeacher",
      "summary": "Makes a teacher of the school a teacher of this class.",
      "requestBody": {
        "required": true,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/TeacherAssignment" } } }
      },
      "responses": {
        "204": { "description": "Assigned." },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "409": { "$ref": "#/components/responses/Conflict" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/classes/{class_id}/students": {
    "parameters": [{ "$ref": "#/components/parameters/ClassID" }],
    "get": {
      "tags": ["directory"],
      "operationId": "listStudents",
      "summary": "The class roster (the class's teachers and the school's admins).",
      "responses": {
        "200": { "description": "The students.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/StudentList" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" }
      }
    }
  },
  "/v1/classes/{class_id}/credential-batches": {
    "parameters": [{ "$ref": "#/components/parameters/ClassID" }],
    "post": {
      "tags": ["credentials"],
      "operationId": "createCredentialBatch",
      "summary": "Issues logins and temporary passwords for a roster, as a job.",
      "description": "The roster is JSON, or CSV (`text/csv`: header row last name, first name, patronymic, optional birth date; UTF-8 with or without BOM or Windows-1251; `,` or `;`). All or nothing. Poll the batch at `Location`.",
      "requestBody": {
        "required": true,
        "content": {
          "application/json": { "schema": { "$ref": "#/components/schemas/Roster" } },
          "text/csv": { "schema": { "type": "string" } }
        }
      },
      "responses": {
        "202": {
          "description": "The batch is queued.",
          "headers": { "Location": { "description": "The batch's progress URL.", "schema": { "type": "string" } } },
          "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CredentialBatch" } } }
        },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "413": { "description": "`roster_too_large` or `body_too_large`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/credential-batches/{batch_id}": {
    "parameters": [{ "$ref": "#/components/parameters/BatchID" }],
    "get": {
      "tags": ["credentials"],
      "operationId": "getCredentialBatch",
      "summary": "A batch's progress.",
      "responses": {
        "200": { "description": "The batch.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CredentialBatch" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" }
      }
    }
  },
  "/v1/credential-batches/{batch_id}/credentials.csv": {
    "parameters": [{ "$ref": "#/components/parameters/BatchID" }],
    "get": {
      "tags": ["credentials"],
      "operationId": "downloadCredentialBatchCSV",
      "summary": "The finished batch's logins and temporary passwords as CSV, once (`Cache-Control: no-store`).",
      "description": "Cells starting with `=`, `+`, `-`, `@`, TAB or CR are prefixed with `'`. After one download, or once purged, the answer is 410.",
      "responses": {
        "200": { "description": "The CSV.", "content": { "text/csv": { "schema": { "type": "string" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "409": { "description": "`credential_batch_not_finished`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "410": { "description": "`credential_batch_gone`: already downloaded or purged.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  },
  "/v1/students/{account_id}/temporary-password": {
    "parameters": [{ "$ref": "#/components/parameters/AccountID" }],
    "post": {
      "tags": ["credentials"],
      "operationId": "reissueTemporaryPassword",
      "summary": "Reissues a student's temporary password; the old one stops working and the student's sessions are revoked.",
      "responses": {
        "200": { "description": "The new temporary password.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/TemporaryPasswordIssued" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "409": { "description": "`account_not_student`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/enrolments/{enrolment_id}/end": {
    "parameters": [{ "$ref": "#/components/parameters/EnrolmentID" }],
    "post": {
      "tags": ["directory"],
      "operationId": "endEnrolment",
      "summary": "Ends a student's enrolment and revokes the student's sessions.",
      "responses": {
        "204": { "description": "Ended." },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/accounts/{account_id}/disable": {
    "parameters": [{ "$ref": "#/components/parameters/AccountID" }],
    "post": {
      "tags": ["directory"],
      "operationId": "disableAccount",
      "summary": "Disables an account and revokes its sessions.",
      "responses": {
        "204": { "description": "Disabled." },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/accounts/{account_id}/unlock": {
    "parameters": [{ "$ref": "#/components/parameters/AccountID" }],
    "post": {
      "tags": ["directory"],
      "operationId": "unlockAccount",
      "summary": "Lifts a lockout after too many failed logins (staff unlock).",
      "responses": {
        "204": { "description": "Unlocked." },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" }
      }
    }
  },
  "/v1/accounts/{account_id}/assisted-reset": {
    "parameters": [{ "$ref": "#/components/parameters/AccountID" }],
    "post": {
      "tags": ["directory"],
      "operationId": "assistedReset",
      "summary": "Staff-assisted reset for someone who lost both password and second factor, after staff checked who they are: a new temporary password, every second factor and recovery code removed, lockout lifted, sessions revoked, every verified contact notified. Needs step-up; not for one's own account.",
      "responses": {
        "200": { "description": "The new temporary password, to hand over once.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/TemporaryPasswordIssued" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
        "503": { "$ref": "#/components/responses/ServiceBusy" }
      }
    }
  },
  "/v1/audit": {
    "get": {
      "tags": ["audit"],
      "operationId": "listAuditEvents",
      "summary": "Security events, newest first: a school admin's own school, or any school for platform admins.",
      "parameters": [
        { "name": "account_id", "in": "query", "schema": { "$ref": "#/components/schemas/AccountID" }, "description": "Events whose actor or target is this account." },
        { "name": "action", "in": "query", "style": "form", "explode": true, "schema": { "type": "array", "items": { "type": "string", "pattern": "^[a-z_]+\\.[a-z_]+$" } }, "description": "Events with one of these actions (repeat the parameter: `action=login.failed&action=login.throttled`); an unknown action is 400." },
        { "name": "since", "in": "query", "schema": { "$ref": "#/components/schemas/UnixTime" }, "description": "Events at or after this time." },
        { "name": "until", "in": "query", "schema": { "$ref": "#/components/schemas/UnixTime" }, "description": "Events before this time." },
        { "name": "before", "in": "query", "schema": { "type": "integer", "format": "int64", "minimum": 0 }, "description": "Events with a smaller sequence (paging)." },
        { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 500, "default": 100 } },
        { "name": "school_id", "in": "query", "schema": { "$ref": "#/components/schemas/SchoolID" }, "description": "Platform admins: any school (all schools when absent). School admins: one of their schools (the first by default); another school is 403 school_not_assigned." }
      ],
      "responses": {
        "200": { "description": "The events.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/AuditEventList" } } } },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "401": { "$ref": "#/components/responses/Unauthorized" },
        "403": { "$ref": "#/components/responses/Forbidden" }
      }
    }
  }
"""#
}
