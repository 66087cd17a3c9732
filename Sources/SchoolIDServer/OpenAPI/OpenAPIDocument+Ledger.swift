extension OpenAPIDocument {
    /// The acknowledgement ledger's public documents (issue 10): the ack keys that verify
    /// receipts, apart from the token JWKS (RFC 8725 §3.12), the newest checkpoint and
    /// consistency proofs (RFC 9162 §2.1.4).
    static let ledgerPaths = #"""
  "/v1/ledger/keys": {
    "get": {
      "tags": ["operations"],
      "operationId": "getLedgerKeys",
      "summary": "Every acknowledgement key, with the period it signed receipts in (cacheable, public).",
      "description": "Receipts (`typ: ack+jwt`) are signed by `ack`-purpose keys only and verify only against this document: a token key from `/.well-known/jwks.json` never verifies a receipt. A receipt verifies when its `kid` names a key here and its `iat` lies in `[active_from, retired_at)`; a key with `active_from: null` (the next key, published ahead of rotation) verifies nothing. Retired keys are never removed, so a receipt verifies for as long as it is kept. `Cache-Control: public, max-age=300`.",
      "security": [],
      "responses": {
        "200": { "description": "The ack keys.", "content": { "application/json": { "schema": {
          "type": "object",
          "required": ["keys"],
          "properties": {
            "keys": { "type": "array", "items": {
              "type": "object",
              "required": ["jwk", "active_from", "retired_at"],
              "properties": {
                "jwk": { "type": "object", "description": "The public JWK (RFC 7517) with `kid` (RFC 7638 thumbprint), `alg` (`ES256` or `EdDSA`) and `use: sig`.", "required": ["kty", "kid", "alg", "use"] },
                "active_from": { "type": ["integer", "null"], "description": "Unix seconds the key became active; `null` while it is the next key." },
                "retired_at": { "type": ["integer", "null"], "description": "Unix seconds the key was retired; `null` while active or next." }
              }
            } }
          }
        } } } }
      }
    }
  },
  "/v1/ledger/checkpoint": {
    "get": {
      "tags": ["operations"],
      "operationId": "getLedgerCheckpoint",
      "summary": "The newest signed checkpoint of the acknowledgement ledger (public, `Cache-Control: no-cache`).",
      "description": "A checkpoint is a JWS (`typ: checkpoint+jwt`) signed by an ack key from `/v1/ledger/keys`, with claims `iss`, `iat`, `tree_size` and `root` (lowercase hex of the RFC 9162 §2.1.1 Merkle tree hash over the first `tree_size` leaves; a leaf's data is SHA-256 of a receipt or withdrawal JWS). When the newest stored checkpoint does not cover every entry (or there is none, also for an empty ledger), one is signed first. Keep the newest checkpoint you accepted and accept a bigger one only with a consistency proof from it.",
      "security": [],
      "responses": {
        "200": { "description": "The checkpoint.", "content": { "application/json": { "schema": {
          "type": "object",
          "required": ["checkpoint", "tree_size", "root", "signed_at"],
          "properties": {
            "checkpoint": { "type": "string", "description": "The checkpoint JWS, compact serialization." },
            "tree_size": { "type": "integer", "minimum": 0 },
            "root": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
            "signed_at": { "type": "integer", "description": "Unix seconds (the JWS `iat`)." }
          }
        } } } }
      }
    }
  },
  "/v1/ledger/consistency": {
    "get": {
      "tags": ["operations"],
      "operationId": "getLedgerConsistency",
      "summary": "A consistency proof (RFC 9162 §2.1.4) between two sizes of the acknowledgement ledger (public).",
      "security": [],
      "parameters": [
        { "name": "from", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 1 }, "description": "The older tree size (the checkpoint you hold)." },
        { "name": "to", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 1 }, "description": "The newer tree size, at most the current size." }
      ],
      "responses": {
        "200": { "description": "The proof: node hashes, lowercase hex, empty when `from` equals `to`.", "content": { "application/json": { "schema": {
          "type": "object",
          "required": ["from", "to", "proof"],
          "properties": {
            "from": { "type": "integer" },
            "to": { "type": "integer" },
            "proof": { "type": "array", "items": { "type": "string", "pattern": "^[0-9a-f]{64}$" } }
          }
        } } } },
        "400": { "description": "`ledger_range_invalid`: not `1 ≤ from ≤ to ≤` the current size.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
      }
    }
  }
"""#
}
