"""Helpers the browser and the fuzzing suites share: the `schoolid` command line in an
installation directory, and RFC 6238 codes for the TOTP factor."""
import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCHOOLID = ROOT / ".build" / "debug" / "schoolid"


def copy_test_policies(directory, changes=None):
    """The test policy profile (scrypt N=2^10) into `directory/policies`, with `changes`
    ({file: {member: value}}) written over its members."""
    shutil.copytree(ROOT / "Tests" / "Fixtures" / "policies", Path(directory) / "policies",
                    ignore=shutil.ignore_patterns("invalid"))
    for file, members in (changes or {}).items():
        path = Path(directory) / "policies" / file
        document = json.loads(path.read_text())
        document.update(members)
        path.write_text(json.dumps(document))


def run_schoolid(directory, *args):
    """Runs the real binary in `directory`; its standard output, or AssertionError."""
    result = subprocess.run([str(SCHOOLID), *args], cwd=directory, capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C.UTF-8"}, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"schoolid {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result.stdout


def totp(secret, step):
    """RFC 6238 with the shipped policy (HMAC-SHA-1, 30-second steps, six digits) for the
    time step `step` (Unix time // 30)."""
    compact = re.sub(r"\s", "", secret).upper()
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)
