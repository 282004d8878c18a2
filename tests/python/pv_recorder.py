"""What a CA monitor delivers after its first (connection) update: the values a PV posts while a test runs."""
import threading

from epics import PV

from waiting import wait_until


class ValueRecorder:
    """Every value pv posts from now on, converted with convert (float by default)."""

    def __init__(self, pv, convert=float):
        self.values, self.lock, self.convert = [], threading.Lock(), convert
        self.pv = PV(pv, auto_monitor=True, callback=self._cb)
        self.pv.wait_for_connection(5)
        wait_until("first monitor of " + pv, lambda: self.values)
        with self.lock:
            self.values.clear()

    def _cb(self, value=None, **kw):
        with self.lock:
            self.values.append(self.convert(value))

    def close(self):
        self.pv.clear_callbacks()
        self.pv.disconnect()
