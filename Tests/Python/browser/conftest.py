"""Fixtures of the browser tests: one world (server, fake SMS gateway, diary-demo)
per test module, and fresh chromium profiles per journey."""
import pytest

from .browser import Browser
from .world import World


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    started = World(tmp_path_factory.mktemp("world"), policy_changes=getattr_policy_changes())
    yield started
    started.stop()


def getattr_policy_changes():
    # Trusted access opens after `activation_delay_seconds` (an hour in the test profile)
    # and a phone gets a second code only after `resend_cooldown_seconds` (a minute): the
    # journeys cannot wait that long, so their world opens access at once and a parent who
    # has just registered waits 10 s (the least allowed) for a recovery code.
    return {"invitations.json": {"activation_delay_seconds": 0}, "otp.json": {"resend_cooldown_seconds": 10}}


@pytest.fixture()
def browser(world):
    """`browser(language, journey)` opens a chromium with a fresh profile on `world`;
    every one is closed after the test, and each one's page checks must have passed."""
    opened = []

    def open_browser(language, journey):
        started = Browser(world, language, journey)
        opened.append(started)
        return started

    yield open_browser
    problems = [problem for started in opened for problem in started.problems]
    for started in opened:
        started.close()
    assert not problems, "page checks failed:\n" + "\n".join(problems)
