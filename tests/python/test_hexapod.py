"""The hexapod through libca (pyepics), as docs/hexapod.md describes it: a move works; the injected lock makes a
move fail with a clear status (the put-callback returns, nothing moves, MSTA PROBLEM, MAJOR alarm with AMSG, Locked
MAJOR); HexapodReboot (started with a put-callback) runs power_off, wait, power_on, enable, home, verify and leaves
every axis homed; moves work again; an abort from another client in the middle of the reboot ends it Aborted with
Start Done.

The IOC is pv-definitions/test/hexapod.cmd on a spare port: boot 0.5 s, reboot wait WAIT s, fast axes.
"""
import threading
import time

import epics
import pytest
from epics import PV, caget, caput

from conftest import ROOT, SPARE_CA_PORTS
from procedure_client import second_client_put, text, wait_for
from jioc_process import ioc_on_port

P = "jioc:hxp:"
WAIT = 3
MOTORS = [P + "m%d" % i for i in range(1, 7)]
PROBLEM, HOMED = 1 << 9, 1 << 14
STEPS = ["power_off", "wait", "power_on", "enable", "home", "verify"]


@pytest.fixture(scope="module", autouse=True)
def hexapod_ioc():
    with ioc_on_port(ROOT / "pv-definitions" / "test" / "hexapod.cmd", SPARE_CA_PORTS[5],
                     {"P": P, "BOOT": "0.5", "WAIT": str(WAIT)}, log_name="hexapod-test-ioc.log",
                     ready=lambda: caget(P + "State", timeout=1.0) is not None) as ioc:
        yield ioc


def msta(motor):
    """MSTA is DBF_ULONG, which CA serves as a double."""
    return int(caget(motor + ".MSTA", use_monitor=False))


def lock():
    caput(P + "SimLock", 1, wait=True)
    wait_for("Locked", lambda: text(P + "Locked") == "Locked")
    wait_for("the motors see the lock", lambda: all(msta(m) & PROBLEM for m in MOTORS))


def test_a_move_works():
    assert text(P + "State") == "Ready"
    m = epics.Motor(MOTORS[0])
    assert m.move(2.0, wait=True) == 0
    assert caget(MOTORS[0] + ".RBV", use_monitor=False) == pytest.approx(2.0)
    assert caget(MOTORS[1] + ".RBV", use_monitor=False) == pytest.approx(0.0), "Y: dial home 20 + OFF -20"


def test_a_locked_hexapod_refuses_moves_and_the_reboot_clears_it():
    x = MOTORS[0]
    lock()
    assert text(P + "Locked.SEVR") == "MAJOR"
    assert text(P + "State") == "Locked"
    t0 = time.time()
    assert caput(x + ".VAL", 7, wait=True, timeout=10) == 1, "the put-callback of a refused move returns"
    assert time.time() - t0 < 5
    assert caget(x + ".RBV", use_monitor=False) == pytest.approx(2.0), "nothing moved"
    assert caget(x + ".DMOV", use_monitor=False) == 1
    assert msta(x) & PROBLEM
    assert text(x + ".SEVR") == "MAJOR" and text(x + ".STAT") == "STATE"
    assert text(x + ".AMSG") == "hexapod locked: run hexapod_reboot"

    steps = []
    step_pv = PV(P + "HexapodReboot:Step", auto_monitor=True, callback=lambda char_value=None, **kw:
                 steps.append(char_value))
    try:
        step_pv.wait_for_connection(timeout=5)
        wait_for("the Step monitor's first value", lambda: len(steps) >= 1)
        t0 = time.time()
        assert caput(P + "HexapodReboot:Start", 1, wait=True, timeout=120) == 1
        assert time.time() - t0 >= WAIT, "returned before the wait with the power off was over"
        assert text(P + "HexapodReboot:Status") == "Done"
        assert text(P + "HexapodReboot:Message") == "Done: hexapod rebooted, 6 axes homed"
        assert caget(P + "HexapodReboot:Start", use_monitor=False) == 0
        wait_for("the last Step event", lambda: steps and steps[-1] == "verify")
        seen = [s for s in steps[1:]]
        assert seen == STEPS, seen
    finally:
        step_pv.disconnect()
    assert text(P + "Locked") == "Unlocked" and text(P + "Locked.SEVR") == "NO_ALARM"
    assert text(P + "State") == "Ready"
    for m in MOTORS:
        assert msta(m) & HOMED, m + " homed"
        assert text(m + ".SEVR") == "NO_ALARM", m
    assert caget(x + ".RBV", use_monitor=False) == pytest.approx(0.0)

    mx = epics.Motor(x)
    assert mx.move(-3.0, wait=True) == 0
    assert caget(x + ".RBV", use_monitor=False) == pytest.approx(-3.0), "moves work again"


def test_abort_in_the_middle_of_the_reboot_from_another_client():
    lock()
    result = {}

    def start():
        t0 = time.time()
        result["put"] = caput(P + "HexapodReboot:Start", 1, wait=True, timeout=60)
        result["elapsed"] = time.time() - t0

    starter = threading.Thread(target=start, daemon=True)
    starter.start()
    wait_for("the wait step", lambda: text(P + "HexapodReboot:Step") == "wait")
    second_client_put(P + "HexapodReboot:Abort", 1)
    starter.join(timeout=30)
    assert result["put"] == 1 and result["elapsed"] < WAIT + 2
    assert text(P + "HexapodReboot:Status") == "Aborted"
    assert caget(P + "HexapodReboot:Start", use_monitor=False) == 0, "the busy is Done"
    message = text(P + "HexapodReboot:Message")
    assert message.startswith("Aborted by ca:") and message.endswith("in step 'wait'"), message
    assert text(P + "State") == "Off", "aborted with the outlet off: nothing switched it on again"
