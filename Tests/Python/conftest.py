"""Shared fixtures for the SchoolID Python suites: the built `schoolid` binary and a
scratch installation with the test policy profile."""
import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "schoolid"


@pytest.fixture()
def installation(tmp_path):
    """An empty directory holding the test policy profile (scrypt N=2^10)."""
    if not BINARY.exists():
        pytest.fail(f"{BINARY} is missing: run 'swift build' first (Tests/run-all does)")
    shutil.copytree(ROOT / "Tests" / "Fixtures" / "policies", tmp_path / "policies",
                    ignore=shutil.ignore_patterns("invalid"))
    return tmp_path


def schoolid(cwd, *args, check=True):
    """Runs the real binary; returns the completed process."""
    result = subprocess.run([str(BINARY), *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    if check and result.returncode != 0:
        raise AssertionError(f"schoolid {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


@contextlib.contextmanager
def start_server(installation):
    """`schoolid serve --port 0` in `installation`: yields (process, port), kills it after."""
    log = open(installation / "serve.log", "w")  # JSON-lines log; a pipe nobody reads could fill up
    process = subprocess.Popen([str(BINARY), "serve", "--port", "0"], cwd=installation,
                               stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not match:
            raise AssertionError(f"serve did not announce its URL: {line!r} {(installation / 'serve.log').read_text()}")
        yield process, int(match.group(1))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture()
def server(installation):
    """`schoolid serve --port 0` in a fresh installation: yields (process, port)."""
    with start_server(installation) as started:
        yield started
