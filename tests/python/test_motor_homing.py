"""motor_homing through libca: a put-callback on Start returns once both motors are on their home switches, and an
abort from a second client in the middle leaves Status Aborted, the busy Done and the motor stopped short of home.
Session IOC (pv-definitions/test/st.cmd): HomeStages homes h1 (home switch at 4 mm) then h2 (30 mm, 2 mm/s)."""
from epics import PV, caget, caput

from conftest import PREFIX
from procedure_client import PutCallback, assert_ended, second_client_put, text, wait_for

PROC = PREFIX + "HomeStages"
H1, H2 = PREFIX + "h1", PREFIX + "h2"
HOMED = 1 << 14


def move(motor, value):
    assert caput(motor, value, wait=True, timeout=60) == 1


def setup_function():
    wait_for("homing idle", lambda: caget(PROC + ":Start", use_monitor=False) == 0, 30)
    for m in (H1, H2):
        move(m, 0)


def test_homing_returns_when_both_motors_are_home():
    steps = []
    step_pv = PV(PROC + ":Step", auto_monitor=True, callback=lambda char_value=None, **kw: steps.append(char_value))
    try:
        assert caput(PROC + ":Start", 1, wait=True, timeout=60) == 1
        assert_ended(PROC, "Done", "Done: 2 motors homed (" + H1 + " at 4.000 mm, " + H2 + " at 30.00 mm)")
        for m, home in ((H1, 4.0), (H2, 30.0)):
            assert caget(m + ".DMOV", use_monitor=False) == 1
            assert caget(m + ".ATHM", use_monitor=False) == 1
            assert abs(caget(m + ".RBV", use_monitor=False) - home) < 0.002
            assert int(caget(m + ".MSTA", use_monitor=False)) & HOMED
        wait_for("step monitor", lambda: "home " + H2 in steps)
        assert "home " + H1 in steps
    finally:
        step_pv.clear_callbacks()
        step_pv.disconnect()


def test_abort_in_the_middle_stops_the_motor():
    starter = PutCallback(PROC + ":Start")
    starter.start()
    wait_for("h2 homing", lambda: text(PROC + ":Step") == "home " + H2
             and caget(H2 + ".RBV", use_monitor=False) > 1, 30)
    second_client_put(PROC + ":Abort", 1)
    starter.join(10)
    assert starter.result == 1, "the put-callback on Start completed"
    assert_ended(PROC, "Aborted", "Aborted by ca:")
    assert "in step 'home " + H2 + "'" in text(PROC + ":Message")
    wait_for("h2 stopped", lambda: caget(H2 + ".DMOV", use_monitor=False) == 1)
    assert caget(H2 + ".RBV", use_monitor=False) < 20, "stopped short of its home at 30 mm"
    assert caget(H2 + ".ATHM", use_monitor=False) == 0
