extension OpenAPIDocument {
    /// The acknowledgement ledger's public documents (issue 10): the ack keys that verify
    /// receipts, apart from the token JWKS (RFC 8725 §3.12).
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
  }
"""#
}
