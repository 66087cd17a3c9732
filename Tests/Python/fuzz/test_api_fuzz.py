"""Every operation of `/v1/openapi.json`, fuzzed by schemathesis against the real server
(explicit examples, then generated valid and invalid requests; at most 20 per operation,
200 with SCHOOLID_LONG=1, fixed seed):

- no response is a 5xx (`not_a_server_error`);
- every 4xx matches the operation's declared response (`response_schema_conformance`)
  and is the SchoolID error shape `{error, message, request_id[, field][, detail]}`
  (`detail` is declared in `components/schemas/Error`), or RFC 6749 §5.2
  `{error[, error_description]}` on the OAuth JSON endpoints, or the HTML error page the
  browser-facing OAuth endpoints declare (RFC 6749 §4.1.2.1: never redirect an invalid
  request);
- a request answered 4xx leaves the database digest (`digest.py`) unchanged, except the
  documented replay case in `REPLAYS`."""
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from .conftest import MAX_EXAMPLES, load_schema, shared_world
from .digest import DatabaseDigest

schema = load_schema(shared_world())

# A refused request that may change state by design: (method, path, error) → the tables
# it may change, and why.
REPLAYS = {
    ("POST", "/oauth/token", "invalid_grant"): (
        {"refresh_tokens", "revoked_token_families", "authorization_codes"},
        "a used authorization code or a rotated refresh token presented again revokes the "
        "grant's token family (RFC 6749 §4.1.2 and §10.4, RFC 9700 §4.14.2)"),
}

ERROR_MEMBERS = {"error", "message", "request_id", "field", "detail"}
OAUTH_ERROR_MEMBERS = {"error", "error_description"}


def declared_4xx_media_types(operation, status):
    responses = operation.definition.raw.get("responses", {})
    declared = responses.get(str(status)) or responses.get("4XX") or responses.get("default") or {}
    return set((declared.get("content") or {}).keys())


def assert_error_shape(case, response):
    """The 4xx body is the shape its route promises."""
    label = f"{case.method.upper()} {case.path} → {response.status_code}"
    media_type = (response.headers.get("content-type") or [""])[0].split(";")[0].strip()
    if declared_4xx_media_types(case.operation, response.status_code) == {"text/html"}:
        assert media_type == "text/html", f"{label}: declared an HTML error page, got {media_type}"
        return
    assert media_type == "application/json", f"{label}: error with Content-Type {media_type!r}: {response.text[:300]}"
    body = response.json()
    assert isinstance(body, dict), f"{label}: error body is not an object: {body!r}"
    if case.path.startswith("/oauth/"):
        assert isinstance(body.get("error"), str) and set(body) <= OAUTH_ERROR_MEMBERS, \
            f"{label}: not the RFC 6749 §5.2 error shape: {body}"
        return
    assert set(body) <= ERROR_MEMBERS and all(isinstance(body.get(m), str) for m in ("error", "message", "request_id")), \
        f"{label}: not the SchoolID error shape: {body}"
    assert body["request_id"] == (response.headers.get("x-request-id") or [None])[0], \
        f"{label}: request_id differs from X-Request-ID"


def assert_state_unchanged(case, response, before, after):
    changed = DatabaseDigest.changes(before, after)
    if not changed:
        return
    error = response.json().get("error") if response.text.startswith("{") else None
    allowed, _ = REPLAYS.get((case.method.upper(), case.operation.path, error), (set(), ""))
    assert set(changed) <= allowed, (
        f"{case.method.upper()} {case.formatted_path} answered {response.status_code} {response.text[:200]} "
        f"but changed {', '.join(changed)}")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, phases=[Phase.explicit, Phase.generate], deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_operation(case, fuzz_world):
    operation = case.operation.definition.raw
    security = operation.get("security", case.operation.schema.raw_schema.get("security"))
    headers = fuzz_world.credentials(case.method.upper(), case.operation.path, operation.get("tags", []), security)
    before = fuzz_world.database.digest()
    response = case.call(headers=headers)
    fuzz_world.record(f"{case.method.upper()} {case.operation.path}", response.status_code)
    case.validate_response(response, checks=[not_a_server_error], headers=headers)
    if 400 <= response.status_code < 500:
        case.validate_response(response, checks=[response_schema_conformance], headers=headers)
        assert_error_shape(case, response)
        assert_state_unchanged(case, response, before, fuzz_world.database.digest())
