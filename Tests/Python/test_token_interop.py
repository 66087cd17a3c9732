"""Tokens from a running `schoolid serve`, verified by a JOSE library nobody in this
project wrote (joserfc): an administrator logs in through the JSON API (temporary
password, new password, TOTP enrolment), authorizes three first-party clients whose
access and ID tokens use ES256, EdDSA and RS256, and each client's tokens verify against
the JWKS that discovery names, with `typ`, `iss`, `aud`, `nonce` and `at_hash` checked,
and refuses each access token once its payload is edited."""
import base64
import hashlib
import hmac
import http.client
import json
import struct
import time
import urllib.parse

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from conftest import schoolid, start_server

REDIRECT_URI = "http://127.0.0.1:9/cb"
VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"  # RFC 7636 Appendix B
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
CLIENTS = {"interop-es": ("ES256", "ES256"), "interop-ed": ("EdDSA", "EdDSA"), "interop-rs": ("RS256", "RS256")}


@pytest.fixture()
def oidc(installation):
    """An initialised installation with three first-party clients, served: yields
    (port, admin's one-time password, {client id: secret})."""
    schoolid(installation, "init")
    secrets = {}
    for client_id, (access_alg, id_alg) in CLIENTS.items():
        added = schoolid(installation, "client", "add", "--id", client_id, "--name", client_id,
                         "--redirect-uri", REDIRECT_URI, "--first-party", "--alg", access_alg,
                         "--id-token-alg", id_alg).stdout.split()
        secrets[client_id] = added[-1]
    password = (installation / "data" / "initial-admin-password").read_text().strip()
    with start_server(installation) as (_, port):
        yield port, password, secrets


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def post_json(port, path, document, headers=None):
    response, data = request(port, "POST", path, json.dumps(document),
                             {"Content-Type": "application/json", **(headers or {})})
    assert response.status in (200, 201), data
    return response, json.loads(data)


def totp(secret, at):
    """RFC 6238 with SHA-1, 30-second steps and six digits (the shipped policy)."""
    key = base64.b32decode(secret.replace(" ", "").upper())
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def admin_session_cookie(port, one_time_password):
    """Temporary password → new password → TOTP enrolment → the session cookie."""
    _, login = post_json(port, "/v1/login", {"login": "admin", "password": one_time_password})
    assert login["status"] == "password_change_required"
    _, changed = post_json(port, "/v1/password/change",
                           {"change_ticket": login["change_ticket"], "new_password": "Ясный-день-над-Волгой-2026"})
    assert changed["status"] == "second_factor_enrolment_required"
    bearer = {"Authorization": "Bearer " + changed["enrolment_ticket"]}
    _, enrolment = post_json(port, "/v1/me/second-factors/totp", {}, bearer)
    response, confirmed = post_json(port, "/v1/me/second-factors/totp/confirm",
                                    {"code": totp(enrolment["secret"], time.time())}, bearer)
    assert confirmed["status"] == "logged_in"
    return response.getheader("Set-Cookie").split(";")[0]


def authorize_and_redeem(port, cookie, client_id, secret):
    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URI, "scope": "openid",
        "state": "interop", "nonce": "n-" + client_id, "code_challenge": CHALLENGE, "code_challenge_method": "S256"})
    response, body = request(port, "GET", "/oauth/authorize?" + query, headers={"Cookie": cookie})
    assert response.status == 303, body
    redirect = urllib.parse.urlsplit(response.getheader("Location"))
    code = dict(urllib.parse.parse_qsl(redirect.query))["code"]
    form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
                                   "code_verifier": VERIFIER})
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    response, body = request(port, "POST", "/oauth/token", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic})
    assert response.status == 200, body
    return json.loads(body)


def at_hash(access_token, alg):
    digest = (hashlib.sha512 if alg == "EdDSA" else hashlib.sha256)(access_token.encode()).digest()
    return base64.urlsafe_b64encode(digest[: len(digest) // 2]).rstrip(b"=").decode()


# RFC 9864 deprecates the "EdDSA" name in favour of "Ed25519"; SchoolID signs as "EdDSA"
# (RFC 8037), which joserfc still verifies, with this warning.
@pytest.mark.filterwarnings("ignore:EdDSA is deprecated")
def test_joserfc_verifies_access_and_id_tokens_with_every_algorithm_against_the_published_jwks(oidc):
    port, one_time_password, secrets = oidc
    _, discovery = request(port, "GET", "/.well-known/openid-configuration")
    metadata = json.loads(discovery)
    issuer = metadata["issuer"]
    jwks_path = urllib.parse.urlsplit(metadata["jwks_uri"]).path
    keys = KeySet.import_key_set(json.loads(request(port, "GET", jwks_path)[1]))
    cookie = admin_session_cookie(port, one_time_password)
    for client_id, (access_alg, id_alg) in CLIENTS.items():
        tokens = authorize_and_redeem(port, cookie, client_id, secrets[client_id])

        access = jwt.decode(tokens["access_token"], keys, algorithms=[access_alg])
        assert access.header["typ"] == "at+jwt" and access.header["alg"] == access_alg
        jwt.JWTClaimsRegistry(iss={"essential": True, "value": issuer}, aud={"essential": True, "value": client_id},
                              sub={"essential": True}, exp={"essential": True}).validate(access.claims)
        assert access.claims["client_id"] == client_id and access.claims["amr"] == ["pwd", "otp"]
        assert {"platform_admin"} == {entry["role"] for entry in access.claims["staff"]}

        identity = jwt.decode(tokens["id_token"], keys, algorithms=[id_alg])
        assert identity.header["alg"] == id_alg
        jwt.JWTClaimsRegistry(iss={"essential": True, "value": issuer}, aud={"essential": True, "value": client_id},
                              nonce={"essential": True, "value": "n-" + client_id}).validate(identity.claims)
        assert identity.claims["sub"] == access.claims["sub"] and identity.claims["sid"] == access.claims["sid"]
        assert identity.claims["at_hash"] == at_hash(tokens["access_token"], id_alg)

        header, payload, signature = tokens["access_token"].split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["sub"] = "acc_someone_else"
        edited = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        with pytest.raises(Exception, match="signature"):
            jwt.decode(".".join([header, edited, signature]), keys, algorithms=[access_alg])

