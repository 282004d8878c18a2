"""Monitors with libca: camonitor-style default subscription, masks and deadbands, arrays."""
import time

import numpy as np
from epics import ca, caput, dbr


import pytest

_ACTIVE = []


@pytest.fixture(autouse=True)
def clear_subscriptions():
    """Subscriptions are cleared when their test ends; until then the handles stay referenced (pyepics needs it)."""
    yield
    while _ACTIVE:
        handles = _ACTIVE.pop()
        ca.clear_subscription(handles[2])
    ca.poll()


def subscribe(name, mask=None, ftype=None):
    chid = ca.create_channel(name, connect=True)
    assert ca.connect_channel(chid, timeout=5.0)
    got = []

    def cb(value=None, **kw):
        got.append(np.array(value).copy() if np.ndim(value) else value)

    # The returned handles must stay referenced while the subscription is active.
    handles = ca.create_subscription(chid, use_time=True, mask=mask, callback=cb, ftype=ftype)
    _ACTIVE.append(handles)
    return got, handles


def wait_until(cond, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        ca.poll()
        if cond():
            return True
        time.sleep(0.02)
    return False


def test_default_monitor_gets_initial_value_then_changes(pv):
    caput(pv("long1"), 11, wait=True)
    got, handles = subscribe(pv("long1"))
    assert wait_until(lambda: len(got) >= 1)
    assert got[0] == 11
    caput(pv("long1"), 12, wait=True)
    caput(pv("long1"), 13, wait=True)
    assert wait_until(lambda: got[-1] == 13)
    assert got[-2:] == [12, 13]
    caput(pv("long1"), 7, wait=True)


def test_log_and_value_masks_follow_adel_and_mdel(pv):
    caput(pv("deadband"), 0, wait=True)
    values, h1 = subscribe(pv("deadband"), mask=dbr.DBE_VALUE)
    archive, h2 = subscribe(pv("deadband"), mask=dbr.DBE_LOG)
    assert wait_until(lambda: len(values) >= 1 and len(archive) >= 1)
    for v in (0.5, 2, 6):
        caput(pv("deadband"), v, wait=True)
    assert wait_until(lambda: values[-1] == 6 and archive[-1] == 6)
    time.sleep(0.2)
    ca.poll()
    assert values[1:] == [2, 6]      # MDEL=1: 0.5 is inside the deadband
    assert archive[1:] == [6]        # ADEL=5: only 6 leaves it


def test_alarm_mask_sees_transitions(pv):
    caput(pv("alarm"), 20, wait=True)
    got, h = subscribe(pv("alarm"), mask=dbr.DBE_ALARM)
    assert wait_until(lambda: len(got) >= 1)
    caput(pv("alarm"), 55, wait=True)
    caput(pv("alarm"), 56, wait=True)   # same alarm: no event
    caput(pv("alarm"), 20, wait=True)
    assert wait_until(lambda: len(got) >= 3)
    time.sleep(0.2)
    ca.poll()
    assert got[1:] == [55, 20]


def test_array_monitor(pv):
    got, h = subscribe(pv("double2048"))
    assert wait_until(lambda: len(got) >= 1)
    data = np.linspace(0, 1, 2048)
    caput(pv("double2048"), data, wait=True)
    assert wait_until(lambda: len(got) >= 2 and np.allclose(got[-1][:2048], data))


def test_scanned_record_posts_periodically(pv):
    got, h = subscribe(pv("ticker"), mask=dbr.DBE_VALUE | dbr.DBE_ALARM | dbr.DBE_LOG)
    caput(pv("ao1"), 3, wait=True)
    assert wait_until(lambda: len(got) >= 1 and got[-1] == 7)   # ticker = calc1 = 3*2+1
