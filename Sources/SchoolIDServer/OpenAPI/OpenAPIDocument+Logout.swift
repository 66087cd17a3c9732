extension OpenAPIDocument {
    /// RP-initiated logout, the end-session endpoint (issue 9).
    static let logoutPaths = #"""
  "/oauth/logout": {
    "get": {
      "tags": ["oauth"],
      "operationId": "endSession",
      "summary": "The end-session endpoint (OpenID Connect RP-Initiated Logout 1.0 §2): ends the browser's SchoolID session and the refresh tokens issued under it.",
      "description": "A browser navigation, answered with redirects and HTML; the browser session cookie is read when present. `id_token_hint` is verified against the published token keys, an expired one accepted; its `aud` names the client, which `client_id` must then equal. A hint that does not verify is ignored. `post_logout_redirect_uri` must exactly match one of the identified client's registered post-logout URIs. A repeated parameter, an unknown or disabled client, a `client_id` other than the hint's audience, or a post-logout URI that is unregistered or has no client gets an HTML error page (400), never a redirect. A verified hint whose `sub` and `sid` name the browser's session ends it at once (303 to the post-logout URI with `state`, else to the signed-out page) and clears the cookie; otherwise the confirmation page (200) asks, its form posting the parameters back with `confirm` and the session's `csrf_token`. Without a browser session: 303 to a verified post-logout URI with `state`, else the signed-out page (200). Audited as `oauth.logout`.",
      "security": [],
      "parameters": [
        { "name": "id_token_hint", "in": "query", "schema": { "type": "string" } },
        { "name": "logout_hint", "in": "query", "description": "Accepted and ignored.", "schema": { "type": "string" } },
        { "name": "client_id", "in": "query", "schema": { "type": "string" } },
        { "name": "post_logout_redirect_uri", "in": "query", "schema": { "type": "string", "format": "uri" } },
        { "name": "state", "in": "query", "schema": { "type": "string" } },
        { "name": "ui_locales", "in": "query", "description": "Space-separated BCP 47 tags; the first of `ru` or `en` chooses the page language.", "schema": { "type": "string" } }
      ],
      "responses": {
        "200": { "description": "The confirmation page (\"Sign out of SchoolID?\") or the signed-out page.", "content": { "text/html": { "schema": { "type": "string" } } } },
        "303": { "description": "To the post-logout URI with `state`, or to the signed-out page.", "headers": { "Location": { "schema": { "type": "string" } } } },
        "400": { "description": "The error page: the client or post-logout URI cannot be trusted.", "content": { "text/html": { "schema": { "type": "string" } } } }
      }
    },
    "post": {
      "tags": ["oauth"],
      "operationId": "endSessionPost",
      "summary": "The same request form-encoded (RP-Initiated Logout 1.0 §2), or the confirmation page's answer: the parameters again (re-validated), `confirm` and the session's `csrf_token`.",
      "description": "Without `confirm` this is the GET request sent as a form. With `confirm` the browser session must present its `csrf_token` (and a same-origin `Origin` when sent); the session then ends.",
      "security": [],
      "requestBody": { "required": true, "content": { "application/x-www-form-urlencoded": { "schema": { "type": "object", "properties": { "confirm": { "type": "string" }, "csrf_token": { "type": "string" }, "id_token_hint": { "type": "string" }, "client_id": { "type": "string" }, "post_logout_redirect_uri": { "type": "string" }, "state": { "type": "string" }, "ui_locales": { "type": "string" } }, "additionalProperties": { "type": "string" } } } } },
      "responses": {
        "200": { "description": "The confirmation page or the signed-out page.", "content": { "text/html": { "schema": { "type": "string" } } } },
        "303": { "description": "To the post-logout URI with `state`, or to the signed-out page.", "headers": { "Location": { "schema": { "type": "string" } } } },
        "400": { "description": "The error page.", "content": { "text/html": { "schema": { "type": "string" } } } },
        "403": { "description": "`csrf_token_invalid` or `origin_not_allowed` (HTML page).", "content": { "text/html": { "schema": { "type": "string" } } } },
        "415": { "description": "Not a form body (HTML page).", "content": { "text/html": { "schema": { "type": "string" } } } }
      }
    }
  }
"""#
}
