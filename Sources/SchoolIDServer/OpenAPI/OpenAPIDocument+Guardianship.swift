extension OpenAPIDocument {
    /// A guardian link as every guardianship answer carries it.
    static let guardianLinkSchema = #"""
{
  "type": "object",
  "required": ["link_id", "guardian_id", "student_id", "relation", "origin", "state", "created_at"],
  "properties": {
    "link_id": {"type": "string", "pattern": "^gln_[A-Za-z0-9_-]{22}$"},
    "guardian_id": {"$ref": "#/components/schemas/AccountID"},
    "student_id": {"$ref": "#/components/schemas/AccountID"},
    "relation": {"type": "string", "enum": ["mother", "father", "legal_representative", "other"]},
    "origin": {"type": "string", "enum": ["credentials", "link_code", "staff_proposal"]},
    "state": {"type": "string", "enum": ["pending", "active", "ended"]},
    "created_at": {"type": "integer", "format": "int64"},
    "confirmed_at": {"type": ["integer", "null"], "format": "int64"}
  }
}
"""#

    /// The `link_id` path parameter.
    static let guardianLinkIDParameter = #"""
{ "name": "link_id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^gln_[A-Za-z0-9_-]{22}$" }, "description": "A guardian link id (`gln_…`)." }
"""#

    /// Guardians and children (issue 7): claims, proposals, link codes, unlinking, a
    /// child's password reset and the access view.
    static let guardianshipPaths = #"""
  "/v1/me/children/claim": {
    "post": {
      "tags": ["guardians"],
      "operationId": "claimChild",
      "summary": "Links the caller to a child by the child's login and current temporary password, or by a link code from the school.",
      "description": "Counted exactly like a login: the client address's attempts, the backoff of the (login, address) pair — the child's login for credentials, the caller's for a link code — and the account cap. A wrong pair answers `401 invalid_credentials`, a wrong, used or expired code `400 link_code_invalid`; throttled attempts `429 retry_later`. The temporary password stays valid for the child's first login. The class teacher and the other guardians are notified; audited as `guardian_link.claimed`.",
      "requestBody": {
        "required": true,
        "content": {
          "application/json": {
            "schema": {
              "oneOf": [
                {
                  "type": "object",
                  "required": ["login", "password", "relation"],
                  "properties": {
                    "login": {"type": "string"},
                    "password": {"type": "string"},
                    "relation": {"type": "string", "enum": ["mother", "father", "legal_representative", "other"]}
                  }
                },
                {
                  "type": "object",
                  "required": ["link_code", "relation"],
                  "properties": {
                    "link_code": {"type": "string", "description": "`XXXXX-XXXXX`; case, spaces and hyphens do not matter."},
                    "relation": {"type": "string", "enum": ["mother", "father", "legal_representative", "other"]}
                  }
                }
              ]
            }
          }
        }
      },
      "responses": {
        "201": {"description": "The active link.", "content": {"application/json": {"schema": \#(guardianLinkSchema)}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {
          "description": "`permission_denied`: a student account cannot be a guardian.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        },
        "409": {
          "description": "`guardian_link_exists` or `guardian_limit_reached`.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        },
        "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
        "429": {"$ref": "#/components/responses/TooManyRequests"}
      }
    }
  },
  "/v1/me/children": {
    "get": {
      "tags": ["guardians"],
      "operationId": "listMyChildren",
      "summary": "The caller's actively linked children with school and class.",
      "responses": {
        "200": {
          "description": "The children.",
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": ["children"],
                "properties": {
                  "children": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["student_id", "name", "school", "class", "relation", "link_id"],
                      "properties": {
                        "student_id": {"$ref": "#/components/schemas/AccountID"},
                        "login": {"type": ["string", "null"]},
                        "name": {"type": "string"},
                        "school": {
                          "type": "object",
                          "required": ["id", "name"],
                          "properties": {"id": {"$ref": "#/components/schemas/SchoolID"}, "name": {"type": "string"}}
                        },
                        "class": {
                          "type": "object",
                          "required": ["id", "name"],
                          "properties": {"id": {"$ref": "#/components/schemas/ClassID"}, "name": {"type": "string"}}
                        },
                        "relation": {"type": "string", "enum": ["mother", "father", "legal_representative", "other"]},
                        "link_id": {"type": "string"}
                      }
                    }
                  }
                }
              }
            }
          }
        },
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"}
      }
    }
  },
  "/v1/me/children/{account_id}/temporary-password": {
    "parameters": [{"$ref": "#/components/parameters/AccountID"}],
    "post": {
      "tags": ["guardians"],
      "operationId": "resetMyChildPassword",
      "summary": "Gives a linked child without a verified phone or email a new temporary password (shown once).",
      "description": "Needs a second factor proven in this session within `step_up_seconds`. The old password stops working and the child's sessions end, as with a staff reissue. Audited as `guardian.child_password_reset`.",
      "responses": {
        "200": {
          "description": "The new temporary password.",
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": ["account_id", "temporary_password", "expires_at"],
                "properties": {
                  "account_id": {"$ref": "#/components/schemas/AccountID"},
                  "login": {"type": ["string", "null"]},
                  "temporary_password": {"type": "string"},
                  "expires_at": {"type": "integer", "format": "int64"}
                }
              }
            }
          }
        },
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {
          "description": "`permission_denied` (not an actively linked child) or `step_up_required`.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        },
        "409": {
          "description": "`child_has_contacts`: the child recovers access with their own contacts.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
      }
    }
  },
  "/v1/me/guardian-links": {
    "get": {
      "tags": ["guardians"],
      "operationId": "listMyGuardianLinks",
      "summary": "Every link of the caller as guardian, pending proposals included.",
      "responses": {
        "200": {
          "description": "The links.",
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": ["links"],
                "properties": {"links": {"type": "array", "items": \#(guardianLinkSchema)}}
              }
            }
          }
        },
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"}
      }
    }
  },
  "/v1/me/guardian-links/{link_id}/confirm": {
    "parameters": [\#(guardianLinkIDParameter)],
    "post": {
      "tags": ["guardians"],
      "operationId": "confirmGuardianLink",
      "summary": "Confirms a link staff proposed to the caller: it becomes active.",
      "responses": {
        "200": {"description": "The active link.", "content": {"application/json": {"schema": \#(guardianLinkSchema)}}},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"},
        "404": {
          "description": "`guardian_link_not_found`.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        },
        "409": {
          "description": "`guardian_link_not_pending`: already confirmed, declined or ended (of parallel confirmations one wins).",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
      }
    }
  },
  "/v1/me/guardian-links/{link_id}/decline": {
    "parameters": [\#(guardianLinkIDParameter)],
    "post": {
      "tags": ["guardians"],
      "operationId": "declineGuardianLink",
      "summary": "Declines a link staff proposed to the caller: it ends.",
      "responses": {
        "200": {"description": "The ended link.", "content": {"application/json": {"schema": \#(guardianLinkSchema)}}},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"},
        "404": {
          "description": "`guardian_link_not_found`.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        },
        "409": {
          "description": "`guardian_link_not_pending`.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
      }
    }
  },
  "/v1/students/{account_id}/link-codes": {
    "parameters": [{"$ref": "#/components/parameters/AccountID"}],
    "post": {
      "tags": ["guardians"],
      "operationId": "issueLinkCode",
      "summary": "Issues a single-use link code for a student (the class teacher or a school admin); the code is shown once.",
      "description": "10 symbols of a 27-symbol alphabet without look-alikes (47.5 bits); stored only as HMAC-SHA-256 under the `otp` key; valid `link_code_seconds` (policy `guardianship.json`). Audited as `link_code.issued`.",
      "responses": {
        "201": {
          "description": "The code.",
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": ["link_code_id", "student_id", "code", "expires_at"],
                "properties": {
                  "link_code_id": {"type": "string"},
                  "student_id": {"$ref": "#/components/schemas/AccountID"},
                  "code": {"type": "string", "pattern": "^[A-Z0-9]{5}-[A-Z0-9]{5}$"},
                  "expires_at": {"type": "integer", "format": "int64"}
                }
              }
            }
          }
        },
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "409": {"$ref": "#/components/responses/Conflict"}
      }
    }
  },
  "/v1/students/{account_id}/guardian-proposals": {
    "parameters": [{"$ref": "#/components/parameters/AccountID"}],
    "post": {
      "tags": ["guardians"],
      "operationId": "proposeGuardian",
      "summary": "Proposes a pending link to the registered adult with this verified phone or verified SNILS (teacher of the class or school admin).",
      "description": "Send exactly one of `phone` and `snils`; a declared (unverified) SNILS finds nobody.",
      "requestBody": {
        "required": true,
        "content": {
          "application/json": {
            "schema": {
              "type": "object",
              "required": ["relation"],
              "properties": {
                "snils": {"type": "string", "description": "11 digits, separators allowed: 123-456-789 64"},
                "phone": {"type": "string"},
                "relation": {"type": "string", "enum": ["mother", "father", "legal_representative", "other"]}
              }
            }
          }
        }
      },
      "responses": {
        "201": {"description": "The pending link.", "content": {"application/json": {"schema": \#(guardianLinkSchema)}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"},
        "404": {
          "description": "`guardian_not_found`: no adult account has this verified phone (audited).",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        },
        "409": {
          "description": "`guardian_link_exists` or `guardian_limit_reached`.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        },
        "415": {"$ref": "#/components/responses/UnsupportedMediaType"}
      }
    }
  },
  "/v1/guardian-links/{link_id}/end": {
    "parameters": [\#(guardianLinkIDParameter)],
    "post": {
      "tags": ["guardians"],
      "operationId": "endGuardianLink",
      "summary": "Ends a pending or active link (a school admin of the child's school); the guardian loses access at once.",
      "responses": {
        "200": {"description": "The ended link.", "content": {"application/json": {"schema": \#(guardianLinkSchema)}}},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"},
        "404": {
          "description": "`guardian_link_not_found`.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        },
        "409": {
          "description": "`guardian_link_not_pending`: already ended.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
      }
    }
  },
  "/v1/me/access": {
    "get": {
      "tags": ["guardians"],
      "operationId": "getMyAccess",
      "summary": "Which students and services the caller may see, and (staff) which classes.",
      "description": "The one access decision (`AccessDecision` in Core): a student sees themselves; a guardian their actively linked children, every service; a trusted person the granted child and services; staff see classes, never student lists.",
      "responses": {
        "200": {
          "description": "The access view.",
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": ["students", "classes"],
                "properties": {
                  "students": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["student_id", "services", "via"],
                      "properties": {
                        "student_id": {"$ref": "#/components/schemas/AccountID"},
                        "services": {"type": "array", "items": {"type": "string", "enum": ["diary", "attendance", "nutrition"]}},
                        "via": {"type": "string", "enum": ["self", "guardian", "trusted"]}
                      }
                    }
                  },
                  "classes": {"type": "array", "items": {"$ref": "#/components/schemas/ClassID"}}
                }
              }
            }
          }
        },
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"}
      }
    }
  }
"""#
}
