"""API fuzzing: schemathesis drives every operation of the served OpenAPI document
against the real `schoolid serve` (issue 12).

A package, so that its `conftest` does not shadow `Tests/Python/conftest.py`."""
