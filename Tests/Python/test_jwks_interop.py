"""The JWKS that `schoolid keys jwks` publishes, read by an independent JOSE library
(joserfc): every key imports as a public key, and every kid is its RFC 7638 thumbprint."""
import json

from joserfc.jwk import KeySet

from conftest import schoolid

PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}


def published(installation, purpose):
    return json.loads(schoolid(installation, "keys", "jwks", "--purpose", purpose).stdout)


def test_token_jwks_imports_as_public_keys_whose_kid_is_the_thumbprint(installation):
    schoolid(installation, "init")
    jwks = published(installation, "token")
    assert sorted(k["alg"] for k in jwks["keys"]) == ["ES256", "ES256", "EdDSA", "EdDSA", "RS256", "RS256"]
    key_set = KeySet.import_key_set(jwks)
    for key, raw in zip(key_set.keys, jwks["keys"]):
        assert not key.is_private
        assert key.thumbprint() == raw["kid"]
        assert PRIVATE_MEMBERS.isdisjoint(raw)
        assert raw["use"] == "sig"


def test_ack_keys_are_published_apart_from_token_keys(installation):
    schoolid(installation, "init")
    token_kids = {k["kid"] for k in published(installation, "token")["keys"]}
    ack = published(installation, "ack")
    assert {k["alg"] for k in ack["keys"]} == {"ES256", "EdDSA"}
    assert token_kids.isdisjoint(k["kid"] for k in ack["keys"])
    KeySet.import_key_set(ack)


def test_rotation_keeps_the_retired_key_published_and_changes_the_active_one(installation):
    schoolid(installation, "init")
    before = {k["kid"] for k in published(installation, "token")["keys"]}
    schoolid(installation, "keys", "rotate", "--purpose", "token", "--alg", "ES256", "--force")
    after = published(installation, "token")["keys"]
    assert before <= {k["kid"] for k in after}
    assert len([k for k in after if k["alg"] == "ES256"]) == 3


def test_symmetric_keys_never_reach_a_jwks(installation):
    schoolid(installation, "init")
    listed = schoolid(installation, "keys", "list").stdout
    data_ids = [line.split("\t")[3] for line in listed.splitlines() if line.startswith(("data", "index", "otp"))]
    assert data_ids
    jwks = published(installation, "token")["keys"] + published(installation, "ack")["keys"]
    assert all(k["kty"] in {"EC", "OKP", "RSA"} for k in jwks)
