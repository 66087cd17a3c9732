"""The world the journeys walk in: a fresh installation with the test policy profile,
the real `schoolid serve --port 0` sending SMS to the fake gateway, a school with a
class and its teacher made through the `schoolid` command line, and `diary-demo`
registered as a client the way README's "diary-demo" section registers it."""
import os
import re
import socket
import subprocess
from pathlib import Path

from .fake_sms import FakeSMSGateway
from .support import copy_test_policies, run_schoolid

ROOT = Path(__file__).resolve().parents[3]
BUILD = ROOT / ".build" / "debug"
SCHOOLID = BUILD / "schoolid"
DIARY_DEMO = BUILD / "diary-demo"
SCHOOL_CODE = "s57"


def free_port():
    """A loopback port nobody listens on now (diary-demo's redirect URI must be known
    before the client is registered, so its port cannot be 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class World:
    def __init__(self, directory, policy_changes=None):
        for binary in (SCHOOLID, DIARY_DEMO):
            if not binary.exists():
                raise AssertionError(f"{binary} is missing: run 'swift build' first (Tests/run-all does)")
        self.directory = Path(directory)
        self.processes = []
        self.logs = []
        copy_test_policies(self.directory, policy_changes)
        self.sms = FakeSMSGateway()
        self._accounts = 0
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    # MARK: - Command line

    def cli(self, *args):
        return run_schoolid(self.directory, *args)

    def add_teacher(self, login, last_name="Иванова", first_name="Мария"):
        """A teacher of the school; returns their first password."""
        out = self.cli("staff", "add", "--school", SCHOOL_CODE, "--role", "teacher", "--login", login,
                       "--last-name", last_name, "--first-name", first_name)
        return re.search(r"^first password: (\S+)$", out, re.M).group(1)

    def add_class(self, grade, letter, teacher):
        """A class taught by `teacher`; returns its id."""
        return self.cli("class", "add", "--school", SCHOOL_CODE, "--grade", str(grade), "--letter", letter,
                        "--teacher", teacher).split("\t")[0].strip()

    def next_phone(self):
        """A fresh +79… number (the test profile sends SMS only to +79)."""
        self._accounts += 1
        return "+7900%07d" % (1_000_000 + self._accounts * 37 + os.getpid() % 1000)

    # MARK: - Processes

    def _start(self):
        self.cli("init")
        self.cli("school", "add", "--code", SCHOOL_CODE, "--name", "Школа № 57", "--region", "Москва")
        self.diary_port = free_port()
        self.diary = f"http://127.0.0.1:{self.diary_port}"
        added = self.cli("client", "add", "--id", "diary-demo", "--name", "Дневник (демо)",
                         "--redirect-uri", self.diary + "/callback", "--post-logout-redirect-uri", self.diary + "/",
                         "--grant", "authorization_code", "--grant", "refresh_token",
                         "--grant", "client_credentials",
                         "--grant", "urn:ietf:params:oauth:grant-type:token-exchange",
                         "--scope", "openid", "--scope", "offline_access", "--scope", "diary",
                         "--scope", "attendance", "--scope", "nutrition", "--scope", "ack:request",
                         "--school", SCHOOL_CODE).split()
        self.client_secret = added[-1]
        serve = self._spawn("serve", [str(SCHOOLID), "serve", "--port", "0", "--sms-gateway-url", self.sms.url],
                            {"SCHOOLID_SMS_GATEWAY_TOKEN": FakeSMSGateway.TOKEN})
        self.port = int(self._announced(serve, r"http://127\.0\.0\.1:(\d+)"))
        self.base = f"http://127.0.0.1:{self.port}"
        demo = self._spawn("diary-demo", [str(DIARY_DEMO), "--issuer", self.base, "--client-id", "diary-demo",
                                          "--listen", f"127.0.0.1:{self.diary_port}"],
                           {"DIARY_DEMO_CLIENT_SECRET": self.client_secret})
        self._announced(demo, r"listening on 127\.0\.0\.1:(\d+)")

    def _spawn(self, name, command, environment):
        log = open(self.directory / f"{name}.log", "w")
        self.logs.append(log)
        process = subprocess.Popen(command, cwd=self.directory, stdout=subprocess.PIPE, stderr=log, text=True,
                                   env={**os.environ, "LC_ALL": "C.UTF-8", **environment})
        self.processes.append(process)
        return process

    def _announced(self, process, pattern):
        line = process.stdout.readline()
        match = re.search(pattern, line)
        if not match:
            raise AssertionError(f"{process.args[0]} did not announce its address: {line!r}")
        return match.group(1)

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for log in self.logs:
            log.close()
        self.sms.stop()
