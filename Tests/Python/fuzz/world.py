"""The installation the fuzzer runs against: a fresh installation with the test policy
profile, the real `schoolid serve --port 0` sending SMS to the fake gateway, and the
people and client that make authenticated operations reachable, seeded through the
`schoolid` command line and the API as README describes:

- the first platform admin of `schoolid init` (one-time password → new password → TOTP
  enrolment through `/v1/login`, `/v1/password/change`, `/v1/me/second-factors/totp*`);
- a guardian registered through `/v1/registrations` with the code from the fake gateway,
  who claimed a child from a roster the admin uploaded;
- throwaway teachers for operations that end their own session or account;
- a confidential client (`client_credentials`, `ack:request`) for `/oauth/*` and
  `/v1/acknowledgements`."""
import base64
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from browser.fake_sms import FakeSMSGateway
from browser.support import SCHOOLID, copy_test_policies, run_schoolid, totp

from .digest import DatabaseDigest

SCHOOL_CODE = "s57"
PASSWORD = "Сирень-над-Волгой-1947"
CLIENT_ID = "fuzz-diary"


class Actor:
    """A person with a live session; `ensure()` logs in again when the session ended."""

    def __init__(self, world, login, token=None):
        self.world, self.login, self.token = world, login, token
        self.recovery_codes = []

    def headers(self):
        return {"Authorization": f"Bearer {self.token}"}

    def alive(self):
        status, _ = self.world.api("GET", "/v1/me", token=self.token)
        return status == 200

    def ensure(self):
        if not self.alive():
            self.token = self.world.log_in(self)
        return self


class FuzzWorld:
    def __init__(self, directory):
        if not SCHOOLID.exists():
            raise AssertionError(f"{SCHOOLID} is missing: run 'swift build' first (Tests/run-all does)")
        self.directory = Path(directory)
        copy_test_policies(self.directory)
        self.sms = FakeSMSGateway()
        self.process = None
        self.log = None
        self._teachers = 0
        self._spare = None
        self.statuses = {}
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    # MARK: - Command line and HTTP

    def cli(self, *args):
        return run_schoolid(self.directory, *args)

    def api(self, method, path, body=None, token=None, headers=None, raw=None):
        """(status, parsed JSON or text) of one request; never raises for an HTTP status."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        try:
            return status, json.loads(text) if text else None
        except ValueError:
            return status, text

    def expect(self, status, method, path, **kwargs):
        got, body = self.api(method, path, **kwargs)
        if got != status:
            raise AssertionError(f"{method} {path}: expected {status}, got {got}: {body}")
        return body

    # MARK: - Seeding

    def _start(self):
        self.cli("init")
        self.cli("school", "add", "--code", SCHOOL_CODE, "--name", "Школа № 57", "--region", "Москва")
        added = self.cli("client", "add", "--id", CLIENT_ID, "--name", "Дневник (fuzz)",
                         "--redirect-uri", "http://127.0.0.1:9/callback",
                         "--grant", "authorization_code", "--grant", "refresh_token", "--grant", "client_credentials",
                         "--scope", "openid", "--scope", "offline_access", "--scope", "diary",
                         "--scope", "ack:request", "--school", SCHOOL_CODE).split()
        self.client_secret = added[-1]
        teacher_password = self._add_teacher("fuzz.teacher")
        self.class_id = self.cli("class", "add", "--school", SCHOOL_CODE, "--grade", "5", "--letter", "А",
                                 "--teacher", "fuzz.teacher").split("\t")[0].strip()
        self.log = open(self.directory / "serve.log", "w")
        self.process = subprocess.Popen(
            [str(SCHOOLID), "serve", "--port", "0", "--sms-gateway-url", self.sms.url], cwd=self.directory,
            stdout=subprocess.PIPE, stderr=self.log, text=True,
            env={**os.environ, "LC_ALL": "C.UTF-8", "SCHOOLID_SMS_GATEWAY_TOKEN": FakeSMSGateway.TOKEN})
        line = self.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not match:
            raise AssertionError(f"serve did not announce its URL: {line!r}")
        self.base = f"http://127.0.0.1:{match.group(1)}"
        self.database = DatabaseDigest(self.directory / "data" / "schoolid.sqlite")
        self.admin = self._first_admin()
        self.teacher = Actor(self, "fuzz.teacher")
        self.teacher.token = self._first_login(self.teacher, teacher_password)
        self.guardian = self._register_guardian()
        self._claim_child()
        self.client_token = self._client_token()

    def _add_teacher(self, login):
        out = self.cli("staff", "add", "--school", SCHOOL_CODE, "--role", "teacher", "--login", login,
                       "--last-name", "Иванова", "--first-name", "Мария")
        return re.search(r"^first password: (\S+)$", out, re.M).group(1)

    def throwaway(self):
        """A new teacher, logged in: for operations that end their own session or account."""
        self._teachers += 1
        actor = Actor(self, f"fuzz.spare{self._teachers}")
        actor.token = self._first_login(actor, self._add_teacher(actor.login))
        return actor

    def _first_admin(self):
        actor = Actor(self, "admin")
        actor.token = self._first_login(actor, (self.directory / "data" / "initial-admin-password").read_text().strip())
        return actor

    def _first_login(self, actor, first_password):
        """One-time password → new password → TOTP enrolment → session."""
        ticket = self.expect(200, "POST", "/v1/login", body={"login": actor.login, "password": first_password})
        changed = self.expect(200, "POST", "/v1/password/change",
                              body={"change_ticket": ticket["change_ticket"], "new_password": PASSWORD})
        enrolment = changed["enrolment_ticket"]
        actor.secret = self.expect(201, "POST", "/v1/me/second-factors/totp", token=enrolment)["secret"]
        actor.step = int(time.time()) // 30
        confirmed = self.expect(200, "POST", "/v1/me/second-factors/totp/confirm", token=enrolment,
                                body={"code": totp(actor.secret, actor.step)})
        actor.recovery_codes = list(confirmed["recovery_codes"])
        return confirmed["session_token"]

    def log_in(self, actor):
        """Password and a recovery code (no waiting for a fresh TOTP step)."""
        ticket = self.expect(200, "POST", "/v1/login", body={"login": actor.login, "password": PASSWORD})
        if ticket.get("session_token"):
            return ticket["session_token"]
        done = self.expect(200, "POST", "/v1/login/second-factor",
                           body={"second_factor_ticket": ticket["second_factor_ticket"],
                                 "recovery_code": actor.recovery_codes.pop()})
        return done["session_token"]

    def _register_guardian(self):
        consent = self.expect(200, "GET", "/v1/consent")
        phone = "+79001234567"
        sent = self.sms.count(phone)
        registration = self.expect(201, "POST", "/v1/registrations", body={
            "last_name": "Петрова", "first_name": "Анна", "phone": phone, "password": PASSWORD,
            "login": "fuzz.parent", "consent_version": consent["version"]})
        code = self.sms.code(phone, sent)
        done = self.expect(201, "POST", f"/v1/registrations/{registration['registration_id']}/confirm",
                           body={"code": code})
        return Actor(self, "fuzz.parent", done["session_token"])

    def _claim_child(self):
        """The admin uploads a one-line roster; the guardian claims the child with the slip."""
        batch = self.expect(202, "POST", f"/v1/classes/{self.class_id}/credential-batches", token=self.admin.token,
                            headers={"Content-Type": "text/csv"}, raw="Фамилия;Имя\nПетров;Пётр\n".encode())
        batch_id = batch["id"]
        deadline = time.monotonic() + 60
        while self.expect(200, "GET", f"/v1/credential-batches/{batch_id}", token=self.admin.token)["status"] != "finished":
            if time.monotonic() > deadline:
                raise AssertionError("the credential batch did not finish")
            time.sleep(0.2)
        status, csv = self.api("GET", f"/v1/credential-batches/{batch_id}/credentials.csv", token=self.admin.token)
        assert status == 200, csv
        login, password = csv.strip().splitlines()[-1].split(";")[3:5]  # CredentialCSV.header
        self.expect(201, "POST", "/v1/me/children/claim", token=self.guardian.token,
                    body={"login": login, "password": password, "relation": "mother"})

    def _client_token(self):
        basic = base64.b64encode(f"{CLIENT_ID}:{self.client_secret}".encode()).decode()
        body = self.expect(200, "POST", "/oauth/token", headers={
            "Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"},
            raw=b"grant_type=client_credentials&scope=ack%3Arequest")
        return body["access_token"]

    # MARK: - Who sends each operation

    # Operations that end the sender's own session, account, factors or recovery codes,
    # or count failed attempts against it (a locked admin could not log in again): a
    # throwaway teacher sends them, a new one whenever the last one's session ended.
    SELF_ENDING = {
        ("POST", "/v1/logout"), ("DELETE", "/v1/me"), ("POST", "/v1/password/change"),
        ("POST", "/v1/me/sessions/revoke-others"), ("DELETE", "/v1/me/sessions/{session_id}"),
    }
    GUARDIAN_TAGS = {"guardians", "trusted-persons", "personal-data", "consent", "security", "acknowledgements"}

    def credentials(self, method, path, tags, security):
        """The headers that authenticate one request of the operation `method path`."""
        if path in ("/oauth/token", "/oauth/introspect", "/oauth/revoke"):
            return {"Authorization": self.basic()}
        if security == []:
            return {}
        if security and "bearerAccessToken" in security[0]:
            return {"Authorization": f"Bearer {self.client_token}"}
        if (method, path) in self.SELF_ENDING or "second-factors" in tags:
            if self._spare is None or not self._spare.alive():
                self._spare = self.throwaway()
            return self._spare.headers()
        if path == "/v1/me/snils" or self.GUARDIAN_TAGS & set(tags):
            return self.guardian.ensure().headers()
        return self.admin.ensure().headers()

    def record(self, label, status):
        """Counts the statuses each operation answered (printed after the run)."""
        counts = self.statuses.setdefault(label, {})
        counts[status] = counts.get(status, 0) + 1

    def basic(self):
        return "Basic " + base64.b64encode(f"{CLIENT_ID}:{self.client_secret}".encode()).decode()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()
        self.sms.stop()
