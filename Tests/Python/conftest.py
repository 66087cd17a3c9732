"""Shared fixtures for the SchoolID Python suites: the built `schoolid` binary and a
scratch installation with the test policy profile."""
import os
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
