"""Test-side waiting: poll a condition until it holds or fail the test saying what was awaited."""
import time

import pytest


def wait_until(what, cond, timeout=10.0, poll=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return
        time.sleep(poll)
    pytest.fail("timed out waiting for " + what)
