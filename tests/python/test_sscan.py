"""The sscan record through libca (pyepics), as synApps clients and apstools drive it: 1-D LINEAR, TABLE and
RELATIVE scans of the session IOC's simulated motors with soft detectors (pv-definitions/test/sscan-test.db), abort
through AbortScans, pause/resume through scanPause, caput(EXSC, 1, wait=True) returning at the end of the scan,
chained 2-D scans (scan2.T1PV = scan1.EXSC) with and without snake, and the refusal of a scan to an out-of-limits
point before anything moves."""
import threading
import time

import numpy as np
import pytest
from epics import PV, caget, caput

import waiting
from conftest import PREFIX

S1 = PREFIX + "scan1"
S2 = PREFIX + "scan2"
M1 = PREFIX + "m1"
FAST = PREFIX + "fast"
TRIG = PREFIX + "sscan:trig.PROC"


def wait_until(what, cond, timeout=30.0):
    waiting.wait_until(what, cond, timeout, poll=0.02)


def put(name, value):
    assert caput(name, value, wait=True, timeout=10) == 1, name


def move(name, value):
    assert caput(name, value, wait=True, timeout=60) == 1
    assert caget(name + ".DMOV") == 1


def arr(name, n):
    return np.asarray(caget(name, count=n, use_monitor=False))


def setup_scan(scan, pos, sp, ep, npts, dets=(), trig=TRIG, **fields):
    put(scan + ".P1PV", pos + ".VAL")
    put(scan + ".R1PV", pos + ".RBV")
    put(scan + ".NPTS", npts)
    put(scan + ".P1SP", sp)
    put(scan + ".P1EP", ep)
    if trig:
        put(scan + ".T1PV", trig)
    for i, d in enumerate(dets, start=1):
        put(f"{scan}.D{i:02d}PV", PREFIX + d)
    for k, v in fields.items():
        put(f"{scan}.{k}", v)


def run(scan, timeout=120):
    assert caput(scan + ".EXSC", 1, wait=True, timeout=timeout) == 1
    assert caget(scan + ".BUSY") == 0


@pytest.fixture(autouse=True)
def clean_scans():
    """Every test starts with scan1/scan2 idle and cleared (scan2 triggering scan1) and the motors at 0."""
    for s in (S1, S2):
        wait_until(s + " idle", lambda s=s: caget(s + ".BUSY") == 0)
        put(s + ".CMND", "Clear all PV's")
        for f, v in (("P1SM", "LINEAR"), ("P1AR", "ABSOLUTE"), ("PASM", "STAY"), ("SNAKE", "NO"),
                     ("PAUS", "GO"), ("CMND", "Clear msg")):
            put(f"{s}.{f}", v)
    put(S2 + ".T1PV", S1 + ".EXSC")
    put(PREFIX + "scanPause", 0)
    wait_until("motors idle", lambda: caget(M1 + ".DMOV") == 1 and caget(FAST + ".DMOV") == 1)
    move(M1, 0)
    move(FAST, 0)
    yield


def test_linear_scan_of_a_motor_with_two_detectors():
    setup_scan(S1, FAST, 0, 1, 6, dets=("sscan:det1", "sscan:det2"))
    assert caget(S1 + ".P1SI") == pytest.approx(0.2)
    assert caget(S1 + ".P1NV", as_string=True) == "PV OK"
    assert caget(S1 + ".D01NV", as_string=True) == "PV OK"
    assert caget(S1 + ".D03NV", as_string=True) == "No PV"
    run(S1)
    x = np.linspace(0, 1, 6)
    assert caget(S1 + ".CPT") == 6
    assert caget(S1 + ".SMSG") == "SCAN Complete"
    assert caget(S1 + ".FAZE", as_string=True) == "IDLE"
    assert caget(S1 + ".DATA") == 1
    np.testing.assert_allclose(arr(S1 + ".P1RA", 6), x, atol=1e-3)
    np.testing.assert_allclose(arr(S1 + ".D01DA", 6), x * x, atol=2e-3)
    np.testing.assert_allclose(arr(S1 + ".D02DA", 6), 3 * x + 1, atol=4e-3)
    assert PV(S1 + ".D01DA").nelm == 100, "array fields report MPTS elements"
    assert caget(S1 + ".D01EU") == "cts"
    assert caget(S1 + ".D01NE") == 1
    assert caget(S1 + ".P1HR") == pytest.approx(1000)
    assert caget(S1 + ".P1EU") == "mm"
    assert caget(FAST + ".RBV") == pytest.approx(1.0, abs=1e-3), "PASM STAY"


def test_table_scan():
    setup_scan(S1, FAST, 0, 0, 4, dets=("sscan:det1",), P1SM="TABLE")
    put(S1 + ".P1PA", [0.5, -0.25, 2.0, 1.0])
    run(S1)
    assert caget(S1 + ".ALRT") == 0, caget(S1 + ".SMSG")
    np.testing.assert_allclose(arr(S1 + ".P1RA", 4), [0.5, -0.25, 2.0, 1.0], atol=1e-3)
    np.testing.assert_allclose(arr(S1 + ".D01DA", 4), [0.25, 0.0625, 4.0, 1.0], atol=5e-3)


def test_relative_scan_restores_the_start_position():
    move(FAST, 2.0)
    setup_scan(S1, FAST, -0.5, 0.5, 5, dets=("sscan:det2",), P1AR="RELATIVE", PASM="PRIOR POS")
    run(S1)
    np.testing.assert_allclose(arr(S1 + ".P1RA", 5), [1.5, 1.75, 2.0, 2.25, 2.5], atol=1e-3)
    assert caget(S1 + ".P1PP") == pytest.approx(2.0, abs=1e-3)
    assert caget(FAST + ".RBV") == pytest.approx(2.0, abs=1e-3), "back at the pre-scan position"
    assert caget(FAST + ".DMOV") == 1


def test_abort_in_the_middle_stops_the_motor():
    setup_scan(S1, M1, 0, 18, 10, dets=("sscan:det4",))
    assert caput(S1 + ".EXSC", 1) == 1
    wait_until("two points", lambda: caget(S1 + ".CPT") >= 2)
    put(PREFIX + "AbortScans", 1)
    wait_until("scan ended", lambda: caget(S1 + ".BUSY") == 0, timeout=15)
    wait_until("motor done", lambda: caget(M1 + ".DMOV") == 1, timeout=15)
    cpt = caget(S1 + ".CPT")
    assert cpt < 10
    assert caget(S1 + ".SMSG") == "Scan aborted"
    assert caget(S1 + ".FAZE", as_string=True) == "IDLE"
    assert caget(S1 + ".EXSC") == 0
    where = caget(M1 + ".RBV")
    assert where < 2 * cpt + 2, f"the motor stopped instead of going on to the next point ({where} mm)"
    time.sleep(0.5)
    assert caget(M1 + ".RBV") == pytest.approx(where, abs=1e-3), "and stays there"
    assert caget(S1 + ".CPT") == cpt


def test_pause_and_resume():
    setup_scan(S1, M1, 0, 2, 5, dets=("sscan:det4",))
    put(PREFIX + "scanResumeSEQ.DLY1", 0.2)
    assert caput(S1 + ".EXSC", 1) == 1
    wait_until("a point", lambda: caget(S1 + ".CPT") >= 1)
    put(PREFIX + "scanPause", 1)
    assert caget(S1 + ".PAUS", as_string=True) == "PAUSE"
    wait_until("paused", lambda: caget(S1 + ".SMSG") == "Scan paused")
    held = caget(S1 + ".CPT")
    time.sleep(1.0)
    assert caget(S1 + ".CPT") == held, "no points while paused"
    assert caget(S1 + ".BUSY") == 1
    put(PREFIX + "scanPause", 0)
    wait_until("scan done", lambda: caget(S1 + ".BUSY") == 0)
    assert caget(S1 + ".CPT") == 5
    assert caget(S1 + ".SMSG") == "SCAN Complete"


def test_exsc_put_callback_returns_at_the_end_of_the_scan():
    setup_scan(S1, M1, 0, 1, 3, dets=("sscan:det4",))
    t0 = time.time()
    assert caput(S1 + ".EXSC", 1, wait=True, timeout=60) == 1
    elapsed = time.time() - t0
    assert caget(S1 + ".BUSY") == 0
    assert caget(S1 + ".CPT") == 3
    assert caget(S1 + ".DATA") == 1
    assert caget(M1 + ".DMOV") == 1
    assert elapsed > 0.2, "1 mm at 5 mm/s cannot be done at once"
    np.testing.assert_allclose(arr(S1 + ".D01DA", 3), [0, 0.5, 1.0], atol=1e-3)


class Rows:
    """Every completed inner-scan array (posted with DBE_LOG at the end of each pass)."""

    def __init__(self, name, n):
        self.rows, self.n, self.lock = [], n, threading.Lock()
        self.pv = PV(name, auto_monitor=2, callback=self._cb)  # DBE_LOG
        assert self.pv.wait_for_connection(5)
        time.sleep(0.3)
        with self.lock:
            self.rows.clear()  # the connect-time value

    def _cb(self, value=None, **_):
        with self.lock:
            self.rows.append(np.asarray(value[: self.n]).copy())

    def get(self):
        with self.lock:
            return list(self.rows)


def grid(snake):
    setup_scan(S1, FAST, 0, 2, 3, dets=("sscan:det3",), SNAKE="YES" if snake else "NO")
    setup_scan(S2, M1, 0, 1, 3, dets=("sscan:det4",), trig=S1 + ".EXSC")
    rows = Rows(S1 + ".D01DA", 3)
    run(S2)
    wait_until("three inner passes", lambda: len(rows.get()) >= 3, timeout=5)
    return rows.get()


def test_chained_2d_scan_point_order_and_shapes():
    rows = grid(snake=False)
    np.testing.assert_allclose(np.array(rows), [[0, 1, 2], [5, 6, 7], [10, 11, 12]], atol=2e-3)
    assert caget(S2 + ".CPT") == 3
    np.testing.assert_allclose(arr(S2 + ".P1RA", 3), [0, 0.5, 1], atol=1e-3)
    np.testing.assert_allclose(arr(S2 + ".D01DA", 3), [0, 0.5, 1], atol=1e-3)
    assert PV(S1 + ".D01DA").nelm == 100 and PV(S2 + ".D01DA").nelm == 50
    assert caget(PREFIX + "ScanDim") == 0


def test_snake_grid_runs_odd_rows_backwards():
    rows = grid(snake=True)
    np.testing.assert_allclose(np.array(rows), [[0, 1, 2], [7, 6, 5], [10, 11, 12]], atol=2e-3)
    np.testing.assert_allclose(arr(S1 + ".P1RA", 3), [0, 1, 2], atol=1e-3)


def test_out_of_limits_scan_is_refused_before_any_motion():
    setup_scan(S1, M1, 0, 60, 7, dets=("sscan:det4",))
    events = []
    mon = PV(M1 + ".VAL", auto_monitor=True, callback=lambda value=None, **_: events.append(value))
    assert mon.wait_for_connection(5)
    wait_until("connect value", lambda: len(events) >= 1)
    events.clear()
    run(S1)
    assert caget(S1 + ".ALRT") == 1
    assert caget(S1 + ".SMSG") == "P1 pt 6 50 > HR 50" or caget(S1 + ".SMSG").startswith("P1 pt 7 60 > HR")
    assert caget(S1 + ".CPT") == 0
    time.sleep(0.3)
    assert events == [], "the motor was never written"
    assert caget(M1 + ".RBV") == pytest.approx(0, abs=1e-3)
    mon.clear_callbacks()
