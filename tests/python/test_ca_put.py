"""Puts with libca: put-callback completion on busy and delayed calcout, alarms, refusals, clamping."""
import threading
import time

import pytest
from epics import PV, ca, caget, caput, dbr


def status_severity(name):
    chid = ca.create_channel(name, connect=True)
    md = ca.get_with_metadata(chid, ftype=dbr.TIME_DOUBLE)
    return md["status"], md["severity"]


def test_put_callback_on_busy_returns_only_when_done(pv):
    result = {}

    def waiter():
        t0 = time.time()
        result["ret"] = caput(pv("busy"), 1, wait=True, timeout=20)
        result["elapsed"] = time.time() - t0

    th = threading.Thread(target=waiter)
    th.start()
    time.sleep(1.0)
    assert th.is_alive(), "put-callback of 1 to a busy record returned before the record was done"
    assert caget(pv("busy")) == 1
    caput(pv("busy"), 0)
    th.join(10)
    assert not th.is_alive()
    assert result["ret"] == 1
    assert result["elapsed"] >= 0.9


def test_put_callback_on_calcout_with_odly_waits_for_output(pv):
    before = caget(pv("counter"))
    t0 = time.time()
    assert caput(pv("delayed.PROC"), 1, wait=True, timeout=20) == 1
    elapsed = time.time() - t0
    assert elapsed >= 0.95, elapsed
    assert caget(pv("counter")) == before + 1


def test_plain_put_returns_at_once_on_calcout_with_odly(pv):
    t0 = time.time()
    caput(pv("delayed.PROC"), 1)
    assert time.time() - t0 < 0.9
    time.sleep(1.3)


def test_ai_crossing_hihi_alarms_and_clears_with_hysteresis(pv):
    caput(pv("alarm"), 20, wait=True)
    assert status_severity(pv("alarm")) == (0, 0)
    caput(pv("alarm"), 55, wait=True)
    assert status_severity(pv("alarm")) == (3, 2)       # HIHI / MAJOR
    caput(pv("alarm"), 49, wait=True)                   # inside HYST (2) of HIHI: still HIHI
    assert status_severity(pv("alarm")) == (3, 2)
    caput(pv("alarm"), 47, wait=True)                   # below HIHI-HYST but above HIGH: HIGH / MINOR
    assert status_severity(pv("alarm")) == (4, 1)
    caput(pv("alarm"), 20, wait=True)
    assert status_severity(pv("alarm")) == (0, 0)


def test_alarm_propagates_through_ms_link(pv):
    caput(pv("ao1"), 95, wait=True)
    time.sleep(0.3)
    st, sev = status_severity(pv("ai1"))
    assert sev == 2 and st == 14  # LINK / MAJOR from ao1's HIHI
    caput(pv("ao1"), 1, wait=True)
    time.sleep(0.3)
    assert status_severity(pv("ai1")) == (0, 0)


def test_write_to_read_only_field_is_refused(pv):
    p = PV(pv("ao1.SEVR"))
    assert p.wait_for_connection(5)
    assert p.read_access and not p.write_access
    before = caget(pv("ao1.SEVR"))
    try:
        p.put(2, wait=True, timeout=2)
    except Exception:
        pass
    assert caget(pv("ao1.SEVR")) == before


def test_drive_limits_clamp(pv):
    caput(pv("ao1"), 500, wait=True)
    assert caget(pv("ao1")) == 100
    caput(pv("long1"), -5000, wait=True)
    assert caget(pv("long1")) == -1000
    caput(pv("long1"), 7, wait=True)
    caput(pv("ao1"), 1.5, wait=True)


def test_string_put_and_cp_link(pv):
    caput(pv("str1"), "world", wait=True)
    time.sleep(0.3)
    assert caget(pv("strin1")) == "world"


def test_put_callback_reply_comes_after_the_monitors_it_caused(pv):
    """As rsrv: when put(wait=True) returns, the client's monitored value is already the new one (pyepics Motor
    decides its return code from monitored fields right after the wait)."""
    ao = PV(pv("ao1"), auto_monitor=True)
    ai = PV(pv("ai1"), auto_monitor=True)  # follows ao1 through a CP link: a second record in the same put
    assert ao.wait_for_connection(5) and ai.wait_for_connection(5)
    ao.get()
    ai.get()
    stale = []
    try:
        for i in range(200):
            v = round(-40 + 0.25 * (i % 320), 2) + (0.125 if i % 2 else 0)
            assert ao.put(v, wait=True, timeout=5) == 1
            if ao.get(use_monitor=True) != pytest.approx(v):
                stale.append((i, v, ao.get(use_monitor=True)))
        assert stale == [], f"{len(stale)} of 200 monitored values were stale when put(wait=True) returned"
    finally:
        ao.disconnect()
        ai.disconnect()
