"""The digest the fuzzer compares sees a committed write and ignores what it must."""
from .digest import DatabaseDigest


def test_digest_changes_when_a_request_writes(fuzz_world):
    before = fuzz_world.database.digest()
    fuzz_world.expect(201, "POST", "/v1/schools", token=fuzz_world.admin.ensure().token,
                      body={"code": "s1543", "name": "Гимназия № 1543", "region": "Москва"})
    assert DatabaseDigest.changes(before, fuzz_world.database.digest()) == ["schools"]


def test_digest_ignores_a_wrong_password_and_the_session_touch(fuzz_world):
    fuzz_world.guardian.ensure()
    before = fuzz_world.database.digest()
    status, body = fuzz_world.api("POST", "/v1/login", body={"login": "fuzz.parent", "password": "not-the-password-1"})
    assert status == 401, body
    fuzz_world.expect(200, "GET", "/v1/me", token=fuzz_world.guardian.token)
    assert DatabaseDigest.changes(before, fuzz_world.database.digest()) == []
