"""What a libca client does with a procedure's PV set (docs/procedures.md): start it with a put-callback in the
background, abort it from another process, wait for a state, and check how it ended."""
import os
import subprocess
import sys
import threading
import time

from epics import caget, caput

from waiting import wait_until

STATUS = ["Idle", "Running", "Done", "Failed", "Aborted"]


def text(pv):
    return caget(pv, as_string=True, use_monitor=False)


wait_for = wait_until


def second_client_put(pv, value):
    """A put-callback from another process: its own CA client context and circuit."""
    code = "from epics import caput; import sys; sys.exit(0 if caput(sys.argv[1], int(sys.argv[2]), wait=True," \
           " timeout=10) == 1 else 1)"
    subprocess.run([sys.executable, "-c", code, pv, str(value)], check=True, timeout=30, env=os.environ)


class PutCallback(threading.Thread):
    """caput(pv, value, wait=True) in the background (a procedure's :Start, EnergyMove): records how long it blocked
    and what it returned."""

    def __init__(self, pv, value=1, timeout=60):
        super().__init__(daemon=True)
        self.pv, self.value, self.timeout, self.result, self.elapsed = pv, value, timeout, None, None

    def run(self):
        t0 = time.time()
        self.result = caput(self.pv, self.value, wait=True, timeout=self.timeout)
        self.elapsed = time.time() - t0


def assert_ended(proc, status, message_start):
    """proc: the full prefix of the PV set, e.g. 'jioc:test:HomeStages'."""
    assert text(proc + ":Status") == status, text(proc + ":Message")
    assert caget(proc + ":Start", use_monitor=False) == 0, "the busy must be Done whatever the ending"
    message = text(proc + ":Message")
    assert message.startswith(message_start), message
