"""Energy setting through libca, as an operator's client (or ophyd) drives the 2-BM energy IOC's PVs: a put-callback
on EnergyMove returns only when every optics motor has finished (DMOV=1) on the interpolated curve; an energy outside
the calibration fails before any motor is touched (monitors on every motor see nothing) and says why; an abort from
a second client in the middle of the move stops the motors short of their targets, with Status Aborted and
EnergyMove back to Done.

The IOC is pv-definitions/test/energy.cmd on a spare port: motors m1 (bragg), m2 (y2), m3 (pitch) and m4 (filter
wheel, a "pos" axis) moved along pv-definitions/test/energy-test.json (Mono 10/15/20 keV, Pink 30/40 keV); every
move takes under 2 s.
"""
import json
import os
import pwd
import time

import pytest
from epics import PV, caget, caput, get_pv

import procedure_client
from conftest import ROOT, SPARE_CA_PORTS
from procedure_client import PutCallback, second_client_put
from jioc_process import ioc_on_port

P = "jioc:energy:"
USER = pwd.getpwuid(os.getuid()).pw_name
MOTORS = ["m1", "m2", "m3", "m4"]
TABLE = json.loads((ROOT / "pv-definitions" / "test" / "energy-test.json").read_text())
AXIS_MOTOR = {name: axis["motor"] for name, axis in TABLE["axes"].items()}


@pytest.fixture(scope="module", autouse=True)
def energy_ioc():
    with ioc_on_port(ROOT / "pv-definitions" / "test" / "energy.cmd", SPARE_CA_PORTS[4],
                     log_name="energy-test-ioc.log",
                     ready=lambda: caget(P + "EnergyMove", timeout=1.0) is not None) as ioc:
        yield ioc


def text(name):
    return procedure_client.text(P + name)


def num(name):
    return caget(P + name, use_monitor=False)


def wait_for(what, cond, timeout=20.0):
    procedure_client.wait_for(what, cond, timeout)


def expected(mode, kev):
    """The curve positions by motor PV, computed here from the JSON (linear between the bracketing rows; "pos" axes
    only at a calibrated row)."""
    rows = sorted(TABLE["modes"][mode], key=lambda r: r["energy"])
    for r in rows:
        if abs(r["energy"] - kev) < 0.0005:
            return {AXIS_MOTOR[a]: v for a, v in r["positions"].items()}
    below = [r for r in rows if r["energy"] < kev][-1]
    above = [r for r in rows if r["energy"] > kev][0]
    f = (kev - below["energy"]) / (above["energy"] - below["energy"])
    return {AXIS_MOTOR[a]: below["positions"][a] + f * (above["positions"][a] - below["positions"][a])
            for a, axis in TABLE["axes"].items() if axis["kind"] == "move"}


def set_energy(kev, mode, timeout=30):
    caput(P + "Energy", kev, wait=True)
    caput(P + "EnergyMode", mode, wait=True)
    return caput(P + "EnergyMove", 1, wait=True, timeout=timeout)


class Monitors:
    """camonitor on fields of every motor: the values posted from now on. The callbacks go on pyepics' shared PV of
    each name (the one caget uses, monitored since it connected) and are removed again on close: tearing a shared
    channel down (PV.disconnect) and opening it again made a later monitor's first value go missing now and then."""

    def __init__(self, fields):
        self.events, self.subs = {}, []
        for m in MOTORS:
            for f in fields:
                name = P + m + f
                pv = get_pv(name, connect=True)
                assert pv.wait_for_connection(timeout=5), name
                assert pv.get(timeout=5) is not None, name
                self.events[name] = []
                index = pv.add_callback(lambda pvname=None, value=None, **kw: self.events[pvname].append(value))
                self.subs.append((pv, index))

    def close(self):
        for pv, index in self.subs:
            pv.remove_callback(index)


def test_the_energy_ioc_pvs():
    assert caget(P + "EnergyMove.ZNAM") == "Done" and caget(P + "EnergyMove.ONAM") == "Set"
    assert PV(P + "EnergyMode").get_ctrlvars(timeout=5)["enum_strs"][:2] == ("Mono", "Pink")
    assert caget(P + "Energy.EGU") == "keV"
    assert text("EnergySetting:Status") == "Idle"


def test_put_callback_on_energy_move_returns_with_every_motor_in_place():
    dmov = Monitors([".DMOV"])
    try:
        t0 = time.time()
        assert set_energy(12.5, "Mono") == 1
        elapsed = time.time() - t0
        # read at once: the put-callback completed, so everything must already be in place
        done = {m: num(m + ".DMOV") for m in MOTORS}
        rbv = {P + m: num(m + ".RBV") for m in MOTORS}
        assert done == {m: 1 for m in MOTORS}
        want = expected("Mono", 12.5)
        assert set(want) == {P + "m1", P + "m2", P + "m3"}, "the filter (a pos axis) stays between rows"
        for motor, position in want.items():
            assert rbv[motor] == pytest.approx(position, abs=1.001e-4), motor
        assert rbv[P + "m1"] == pytest.approx(2.1, abs=1e-4)     # half way from 2.5 (10 keV) to 1.7 (15 keV)
        for m in ("m1", "m2"):
            assert 0 in dmov.events[P + m + ".DMOV"], m + " moved (DMOV went to 0)"
        assert elapsed > 0.5, "returned before the motors could have moved"
        assert text("EnergySetting:Status") == "Done"
        assert text("EnergyStatus") == "Done: Mono 12.500 keV"
        assert num("EnergyRBV") == pytest.approx(12.5)
        assert text("EnergyModeRBV") == "Mono"
        assert num("EnergyMove") == 0
    finally:
        dmov.close()


def test_a_calibrated_pink_energy_moves_the_pos_axes_too():
    assert set_energy(30, "Pink") == 1
    for motor, position in expected("Pink", 30).items():
        assert caget(motor + ".RBV", use_monitor=False) == pytest.approx(position, abs=0.011), motor
    assert num("m4.RBV") == pytest.approx(120, abs=0.01)
    assert text("EnergyStatus") == "Done: Pink 30.000 keV"


def test_an_out_of_range_energy_leaves_every_motor_where_it_was_and_says_why():
    assert set_energy(15, "Mono") == 1
    before = {m: num(m + ".RBV") for m in MOTORS}
    monitors = Monitors([".RBV", ".DMOV", ".VAL"])
    try:
        t0 = time.time()
        assert set_energy(25, "Mono") == 1
        assert time.time() - t0 < 2
        assert text("EnergySetting:Status") == "Failed"
        assert text("EnergyStatus") == ("Failed in step 'check': 25.000 keV is outside the Mono calibration"
                                        " (10.000 to 20.000 keV); no motor moved")
        assert num("EnergyMove") == 0
        time.sleep(0.5)
        assert monitors.events == {name: [] for name in monitors.events}, "a motor was touched"
        assert {m: num(m + ".RBV") for m in MOTORS} == before
        assert num("EnergyRBV") == pytest.approx(15)
    finally:
        monitors.close()


def test_abort_from_a_second_client_stops_the_motors_mid_move():
    assert set_energy(20, "Mono") == 1                 # m1 at 1.25 deg
    caput(P + "m1.VELO", 0.25, wait=True)              # 1.25 -> 2.5 deg now takes 5 s
    try:
        caput(P + "Energy", 10, wait=True)
        mover = PutCallback(P + "EnergyMove")
        mover.start()
        wait_for("m1 under way", lambda: num("m1.RBV") > 1.4)
        assert text("EnergySetting:Step") == "move"
        second_client_put(P + "EnergyAbort", 1)
        mover.join(timeout=30)
        assert mover.result == 1, "the put-callback on EnergyMove completes on abort too"
        assert mover.elapsed < 4
        assert text("EnergySetting:Status") == "Aborted"
        assert num("EnergyMove") == 0
        message = text("EnergyStatus")
        assert message.startswith(f"Aborted by ca:{USER}@"), message
        assert message.endswith(f"via {P}EnergySetting:Abort in step 'move'"), message
        wait_for("every motor stopped", lambda: all(num(m + ".DMOV") == 1 for m in MOTORS), timeout=5)
        stopped = num("m1.RBV")
        assert 1.4 < stopped < 2.3, f"m1 stopped short of 2.5, at {stopped}"
        time.sleep(0.5)
        assert num("m1.RBV") == stopped, "and stays there"
    finally:
        caput(P + "m1.VELO", 2, wait=True)
    assert set_energy(10, "Mono") == 1, "the next move works"
    assert num("m1.RBV") == pytest.approx(2.5, abs=1e-4)
    assert text("EnergyStatus") == "Done: Mono 10.000 keV"
