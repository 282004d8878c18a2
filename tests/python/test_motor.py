"""The motor record through libca (pyepics), as beamline clients drive it: epics.Motor, put-callback on VAL that
returns only at DMOV=1, soft-limit refusal with LVIO, the DMOV pulse of a zero-length move, STOP, homing, and the
VAL control limits following HLM. Motors of the session IOC (pv-definitions/test/motors.substitutions):
m1 (5 mm/s, soft limits +-50 mm, home switch at 20 mm), fast (instant), rot (continuous rotation)."""
import threading
import time

import epics
import pytest
from epics import PV, caget, caput

import waiting
from conftest import PREFIX

M1 = PREFIX + "m1"


class Recorder:
    """Values a monitor delivers, with their arrival times."""

    def __init__(self, name):
        self.events = []
        self.lock = threading.Lock()
        self.pv = PV(name, callback=self._cb, auto_monitor=True)
        assert self.pv.wait_for_connection(5), name
        wait_until(f"first monitor of {name}", lambda: self.values())

    def _cb(self, value=None, **_):
        with self.lock:
            self.events.append((time.time(), value))

    def values(self):
        with self.lock:
            return [v for _, v in self.events]

    def close(self):
        self.pv.clear_callbacks()
        self.pv.disconnect()


def wait_until(what, cond, timeout=30.0):
    waiting.wait_until(what, cond, timeout, poll=0.02)


def move(name, value, timeout=60):
    assert caput(name, value, wait=True, timeout=timeout) == 1
    assert caget(name + ".DMOV") == 1


@pytest.fixture(autouse=True)
def m1_at_zero():
    """Every test starts with m1 idle at 0, soft limits +-50."""
    wait_until("m1 idle", lambda: caget(M1 + ".DMOV") == 1)
    caput(M1 + ".HLM", 50, wait=True)
    caput(M1 + ".LLM", -50, wait=True)
    move(M1, 0)
    yield


def test_epics_motor_moves_with_wait():
    m = epics.Motor(M1)  # refuses anything whose RTYP is not "motor"
    assert m.get("RTYP") == "motor"
    t0 = time.time()
    assert m.move(4.0, wait=True, timeout=30) == 0
    assert time.time() - t0 > 0.7, "4 mm at 5 mm/s: the wait really waited"
    # what the IOC holds when the put-callback returns (uncached reads)
    assert caget(M1 + ".DMOV") == 1
    assert caget(M1 + ".RBV") == pytest.approx(4.0, abs=1e-9)
    # pyepics' cached monitors follow (the last updates may trail the put-callback reply by a few ms)
    wait_until("Motor's readback", lambda: m.get_position(readback=True) == pytest.approx(4.0, abs=1e-9), 2)
    assert m.move(1.5, relative=True, wait=True, timeout=30) == 0
    assert caget(M1 + ".RBV") == pytest.approx(5.5, abs=1e-9)
    assert m.move(80, wait=True) == -12, "pyepics checks HLM itself"


def test_put_callback_on_val_returns_only_after_dmov_1():
    dmov = Recorder(M1 + ".DMOV")
    try:
        t0 = time.time()
        assert caput(M1, 5.0, wait=True, timeout=30) == 1
        returned = time.time()
        assert caget(M1 + ".DMOV") == 1
        assert caget(M1 + ".RBV") == pytest.approx(5.0, abs=1e-9)
        assert returned - t0 > 0.8, "5 mm at 5 mm/s cannot finish sooner"
        wait_until("the DMOV monitor", lambda: dmov.values()[-1] == 1)
        assert dmov.values() == [1, 0, 1]
        done_at = dmov.events[-1][0]
        assert done_at <= returned + 0.05, "the callback came after DMOV went to 1"
    finally:
        dmov.close()


def test_a_move_beyond_hlm_is_refused_with_lvio_and_no_motion():
    movn = Recorder(M1 + ".MOVN")
    try:
        assert caput(M1, 70.0, wait=True, timeout=10) == 1
        assert caget(M1 + ".LVIO") == 1
        assert caget(M1 + ".VAL") == 0.0, "VAL is put back"
        assert caget(M1 + ".RBV") == 0.0
        time.sleep(0.3)
        assert movn.values() == [0], "the motor never moved"
        move(M1, 1.0)
        assert caget(M1 + ".LVIO") == 0
    finally:
        movn.close()


def test_a_zero_length_move_still_pulses_dmov():
    move(M1, 2.0)
    dmov = Recorder(M1 + ".DMOV")
    try:
        assert caput(M1, 2.0, wait=True, timeout=10) == 1
        wait_until("DMOV back to 1", lambda: len(dmov.values()) >= 3)
        assert dmov.values() == [1, 0, 1]
    finally:
        dmov.close()


def test_stop_stops_the_motor_where_it_is():
    caput(M1, 40.0)  # 8 s at 5 mm/s
    wait_until("moving", lambda: caget(M1 + ".MOVN") == 1)
    time.sleep(0.5)
    caput(M1 + ".STOP", 1)
    wait_until("stopped", lambda: caget(M1 + ".DMOV") == 1)
    rbv = caget(M1 + ".RBV")
    assert 0.5 < rbv < 20, rbv
    assert caget(M1 + ".VAL") == pytest.approx(rbv, abs=1e-9), "VAL follows RBV after STOP"
    time.sleep(0.5)
    assert caget(M1 + ".RBV") == rbv
    assert caget(M1 + ".STOP") == 0


def test_homing_ends_at_the_home_position():
    assert caput(M1 + ".HOMF", 1, wait=True, timeout=60) == 1
    assert caget(M1 + ".RBV") == pytest.approx(20.0, abs=1e-9)
    assert caget(M1 + ".ATHM") == 1
    assert caget(M1 + ".HOMF") == 0
    assert int(caget(M1 + ".MSTA")) & (1 << 14), "MSTA HOMED"


def test_ctrl_limits_of_val_follow_hlm():
    val = PV(M1)
    assert val.wait_for_connection(5)
    ctrl = val.get_ctrlvars()
    assert (ctrl["lower_ctrl_limit"], ctrl["upper_ctrl_limit"]) == (-50.0, 50.0)
    assert ctrl["units"] == "mm" and ctrl["precision"] == 3
    assert caput(M1 + ".HLM", 12.5, wait=True) == 1
    assert val.get_ctrlvars()["upper_ctrl_limit"] == 12.5
    assert PV(M1 + ".RBV").get_ctrlvars()["upper_ctrl_limit"] == 12.5
    assert caget(M1 + ".DHLM") == 12.5
    assert caput(M1, 13.0, wait=True) == 1 and caget(M1 + ".LVIO") == 1


def test_a_dbe_property_monitor_of_val_sees_new_limits():
    """A DBR_CTRL subscription with DBE_PROPERTY (Phoebus, archiver metadata) gets the new control limits."""
    from epics import ca, dbr
    seen = []
    chid = ca.create_channel(M1, connect=True)
    assert ca.connect_channel(chid, timeout=5)
    cb = ca.create_subscription(chid, use_ctrl=True, mask=dbr.DBE_PROPERTY,
                                callback=lambda **kw: seen.append(kw.get("upper_ctrl_limit")))
    try:
        wait_until("the first property event", lambda: seen)
        assert seen[-1] == 50.0
        assert caput(M1 + ".HLM", 33.0, wait=True) == 1
        wait_until("a property event with HLM 33", lambda: 33.0 in seen, 5)
        assert caput(M1 + ".OFF", 1.0, wait=True) == 1  # limits move with the offset
        wait_until("a property event with HLM 34", lambda: 34.0 in seen, 5)
        assert caput(M1 + ".OFF", 0.0, wait=True) == 1
    finally:
        ca.clear_subscription(cb[2])


def test_enum_fields_carry_the_motor_record_menus():
    assert PV(M1 + ".SPMG").get_ctrlvars()["enum_strs"] == ("Stop", "Pause", "Move", "Go")
    assert PV(M1 + ".DIR").get_ctrlvars()["enum_strs"] == ("Pos", "Neg")
    assert PV(M1 + ".SET").get_ctrlvars()["enum_strs"] == ("Use", "Set")
    assert PV(M1 + ".FOFF").get_ctrlvars()["enum_strs"] == ("Variable", "Frozen")
    assert caget(M1 + ".SPMG", as_string=True) == "Go"


def test_instant_motor_put_callbacks_each_end_at_the_target():
    fast = PREFIX + "fast"
    for i in range(20):
        target = (i % 5) * 0.25
        assert caput(fast, target, wait=True, timeout=10) == 1
        assert caget(fast + ".RBV") == pytest.approx(target, abs=1e-9)
        assert caget(fast + ".DMOV") == 1


def test_a_continuous_rotation_turns_past_one_revolution():
    rot = PREFIX + "rot"
    move(rot, 0)
    assert caput(rot, 540.0, wait=True, timeout=30) == 1
    assert caget(rot + ".RBV") == pytest.approx(540.0, abs=1e-9)
    assert caget(rot + ".HLS") == 0 and caget(rot + ".LVIO") == 0
    move(rot, 0)


def test_an_injected_following_error_fails_the_move_until_the_motor_is_enabled():
    assert caput(M1 + ":SimFault", 1, wait=True) == 1  # armed: trips half way through the next move
    t0 = time.time()
    assert caput(M1, 10.0, wait=True, timeout=30) == 1, "the put-callback still completes"
    assert time.time() - t0 < 1.9, "the move ended early"
    rbv = caget(M1 + ".RBV")
    assert 1.0 < rbv < 9.0, rbv
    assert caget(M1 + ".SEVR", as_string=True) == "MAJOR"
    assert caget(M1 + ".STAT", as_string=True) == "STATE"
    msta = int(caget(M1 + ".MSTA"))
    assert msta & (1 << 9) and msta & (1 << 6), "MSTA PROBLEM and SLIP_STALL"
    assert caget(M1 + ".CNEN", as_string=True) == "Disable"
    assert caput(M1, 0.0, wait=True, timeout=10) == 1
    assert caget(M1 + ".RBV") == rbv, "refused while the amplifier is off"
    assert caput(M1 + ".CNEN", "Enable", wait=True) == 1
    wait_until("alarm cleared", lambda: caget(M1 + ".SEVR") == 0)
    assert caput(M1 + ":SimFault", 0, wait=True) == 1
    move(M1, 0.0)
    assert caget(M1 + ".RBV") == 0.0
