"""The API fuzzing's world: one seeded installation and server for the session, and the
OpenAPI document it serves, validated and loaded into schemathesis.

Both exist before collection: schemathesis makes one test item per operation of the
document (its lazy `from_fixture` loader does not run under pytest 9: it sets
`Function._nodeid`, which pytest 9 no longer has), so the server must answer while the
test module is imported. It stops when the interpreter exits."""
import atexit
import json
import os
import shutil
import tempfile
import urllib.request

import pytest
import schemathesis
from openapi_spec_validator import validate

from .world import FuzzWorld

# Examples per operation: 20 in CI (the phase stays within 5 minutes on 2 cores), 200
# with SCHOOLID_LONG=1. The seed is fixed, so every run sends the same requests.
MAX_EXAMPLES = 200 if os.environ.get("SCHOOLID_LONG") == "1" else 20
SEED = 20260412

_world = None


def shared_world():
    global _world
    if _world is None:
        directory = tempfile.mkdtemp(prefix="schoolid-fuzz-")
        _world = FuzzWorld(directory)

        def stop():
            _world.stop()
            shutil.rmtree(directory, ignore_errors=True)

        atexit.register(stop)
    return _world


def load_schema(world):
    with urllib.request.urlopen(world.base + "/v1/openapi.json", timeout=10) as response:
        document = json.loads(response.read())
    validate(document)  # openapi-spec-validator first: schemathesis trusts the document
    config = schemathesis.Config.from_dict({
        "seed": SEED,
        "generation": {"max-examples": MAX_EXAMPLES, "mode": "all"},
        # Explicit examples and generated ones (Hypothesis' explicit and generate
        # phases); no coverage phase, whose case count max-examples does not bound.
        "phases": {"examples": {"enabled": True}, "fuzzing": {"enabled": True},
                   "coverage": {"enabled": False}, "stateful": {"enabled": False}},
    })
    schema = schemathesis.openapi.from_dict(document, config=config)
    schema.config.update(base_url=world.base)
    return schema


@pytest.fixture(scope="session")
def fuzz_world():
    return shared_world()


def pytest_terminal_summary(terminalreporter):
    if _world is None or not _world.statuses:
        return
    terminalreporter.section("api fuzzing: statuses per operation")
    requests = 0
    for label, counts in sorted(_world.statuses.items()):
        requests += sum(counts.values())
        listed = " ".join(f"{status}×{count}" for status, count in sorted(counts.items()))
        terminalreporter.write_line(f"{label:62} {listed}")
    reached = sum(1 for counts in _world.statuses.values() if any(s < 400 for s in counts))
    terminalreporter.write_line(f"{len(_world.statuses)} operations, {requests} requests, "
                                f"{reached} operations answered 2xx/3xx at least once")
