"""Browser tests: Selenium drives Debian's headless chromium through the real
`schoolid serve`, a fake SMS gateway and `diary-demo` (issue 11's journeys).

A package, so that its `conftest` does not shadow `Tests/Python/conftest.py`."""
