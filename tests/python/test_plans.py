"""Plans as PVs through libca (docs/plans.md): each plan run with caput(Start, 1, wait=True), a snake grid_scan in
bluesky's order (checked against a Python reimplementation of bluesky.utils.snake_cyclers, not the Java code),
abort in the middle, a scan queued through the catalog's queue, and a closed run gate that refuses with nothing
moved.

The IOC is pv-definitions/test/plans.cmd on SPARE_CA_PORTS[8] with a private JIOC_HOME (embedded H2 catalog):
fast motors m1..m3 (soft limits +-50), a slow one (2 mm/s), and det1 = m1, det2 = m2, det3 = 100*m1 + 10*m2 + m3,
read when $(P)trig.PROC is put (the plans' trigger).
"""
import functools
import math

import pytest
from epics import PV, caget, caput

from conftest import ROOT, SPARE_CA_PORTS
from jioc_process import ioc_on_port
from plan_client import plan_motor
from procedure_client import PutCallback, text, wait_for
from pv_recorder import ValueRecorder

P = "jioc:plan:"
PLAN = P + "Plan:"


@pytest.fixture(scope="module", autouse=True)
def plan_ioc(tmp_path_factory):
    home = tmp_path_factory.mktemp("plans-home")
    with ioc_on_port(ROOT / "pv-definitions" / "test" / "plans.cmd", SPARE_CA_PORTS[8],
                     {"P": P, "JIOC_HOME": str(home)}, log_name="plans-test-ioc.log",
                     ready=lambda: caget(PLAN + "Status", timeout=1.0) is not None) as ioc:
        yield ioc


def snake_cyclers_order(axes, snake):
    """bluesky.utils.snake_cyclers on plain lists: axis i's values (doubled as v + reversed(v) when it snakes) each
    repeated prod(later lengths) times, the whole tiled prod(earlier lengths) times, cut to the total."""
    lengths = [len(v) for v in axes]
    total = math.prod(lengths)
    columns = []
    for i, (v, s) in enumerate(zip(axes, snake)):
        vv = list(v) + list(v)[::-1] if s else list(v)
        repeated = [x for x in vv for _ in range(math.prod(lengths[i + 1:]))]
        columns.append((repeated * math.prod(lengths[:i]))[:total])
    return list(zip(*columns))


def linspace(a, b, n):
    return [a + (b - a) * i / (n - 1) for i in range(n)] if n > 1 else [a]


def Recorder(pv):
    """Every value pv posts (rounded to 3 decimals): one per point, as the trigger processes it."""
    return ValueRecorder(pv, lambda v: round(float(v), 3))


def reset(plan):
    caput(PLAN + "PlanName", plan, wait=True)
    for n in range(1, 5):
        caput(PLAN + f"M{n}:Name", "", wait=True)
        caput(PLAN + f"M{n}:Snake", 0, wait=True)
    for f in ("Breakpoints", "ExtraPvs", "PreScan", "PostScan", "AtBreak", "PointCheck", "Gate", "Md"):
        caput(PLAN + f, "", wait=True)
    caput(PLAN + "Detectors", f"{P}det1 {P}det2 {P}det3", wait=True)
    caput(PLAN + "Triggers", P + "trig.PROC", wait=True)
    caput(PLAN + "Dwell", 0, wait=True)
    caput(PLAN + "Delay", 0, wait=True)
    for m in ("m1", "m2", "m3"):
        caput(P + m, 0, wait=True, timeout=30)


motor = functools.partial(plan_motor, P)  # motor(n, name, start, stop, num)


def run_plan():
    assert caput(PLAN + "Start", 1, wait=True, timeout=120) == 1
    assert caget(PLAN + "Start", use_monitor=False) == 0
    return text(PLAN + "Status"), text(PLAN + "Message")


def run_recording(pv):
    """Run the plan while recording what pv posts: (status, message, the values posted)."""
    rec = Recorder(pv)
    try:
        status, message = run_plan()
    finally:
        rec.close()
    return status, message, rec.values


def points_of(values):
    return [round(v, 3) for v in values]


def test_count():
    reset("count")
    caput(PLAN + "Num", 3, wait=True)
    trig = caget(P + "trig", use_monitor=False)
    status, message = run_plan()
    assert status == "Done", message
    assert caget(P + "trig", use_monitor=False) == trig + 3
    assert caget(PLAN + "PointsDone", use_monitor=False) == 3
    assert caget(PLAN + "ScanId", use_monitor=False) > 0
    assert len(text(PLAN + "Uid")) == 36


def test_scan_two_motors_inner_product():
    reset("scan")
    motor(1, "m1", 0, 4)
    motor(2, "m2", 2, 0)
    caput(PLAN + "Num", 5, wait=True)
    status, message, values = run_recording(P + "det3")
    assert status == "Done", message
    expected = [100 * a + 10 * b for a, b in zip(linspace(0, 4, 5), linspace(2, 0, 5))]
    assert points_of(values) == points_of(expected)
    assert caget(PLAN + "PointsTotal", use_monitor=False) == 5


def test_rel_scan_returns_the_motor():
    reset("rel_scan")
    caput(P + "m1", 3, wait=True, timeout=30)
    motor(1, "m1", -1, 1)
    caput(PLAN + "Num", 3, wait=True)
    status, message, values = run_recording(P + "det1")
    assert status == "Done", message
    assert points_of(values) == [2.0, 3.0, 4.0]
    assert abs(caget(P + "m1.RBV", use_monitor=False) - 3) < 1e-6


def test_list_scan():
    reset("list_scan")
    caput(PLAN + "M1:Name", P + "m1", wait=True)
    caput(PLAN + "M1:Positions", [4, -2, 1.5], wait=True)
    caput(PLAN + "M2:Name", P + "m2", wait=True)
    caput(PLAN + "M2:Positions", [1, 1, 3], wait=True)
    status, message, values = run_recording(P + "det3")
    assert status == "Done", message
    assert points_of(values) == [410.0, -190.0, 180.0]


@pytest.mark.parametrize("snake", [False, True])
def test_grid_scan_in_blueskys_order(snake):
    reset("grid_scan")
    motor(1, "m1", 0, 2, 3)
    motor(2, "m2", 0, 1, 2)
    motor(3, "m3", 0, 3, 4)
    caput(PLAN + "M2:Snake", int(snake), wait=True)
    caput(PLAN + "M3:Snake", int(snake), wait=True)
    status, message, values = run_recording(P + "det3")
    assert status == "Done", message
    order = snake_cyclers_order([linspace(0, 2, 3), linspace(0, 1, 2), linspace(0, 3, 4)], [False, snake, snake])
    assert points_of(values) == points_of([100 * a + 10 * b + c for a, b, c in order])
    assert caget(PLAN + "PointsDone", use_monitor=False) == 24


def test_abort_in_the_middle_stops_the_motor():
    reset("scan")
    caput(P + "slow", 0, wait=True, timeout=60)
    motor(1, "slow", 0, 20)
    caput(PLAN + "Num", 2, wait=True)
    starter = PutCallback(PLAN + "Start", 1, timeout=60)
    starter.start()
    wait_for("the slow motor moving", lambda: caget(P + "slow.RBV", use_monitor=False) > 0.5)
    caput(PLAN + "Abort", 1, wait=True)
    starter.join(timeout=30)
    assert starter.result == 1
    assert text(PLAN + "Status") == "Aborted"
    assert text(PLAN + "Message").startswith("Aborted: by ca:"), text(PLAN + "Message")
    wait_for("stopped", lambda: caget(P + "slow.DMOV", use_monitor=False) == 1)
    assert caget(P + "slow.RBV", use_monitor=False) < 10
    caput(P + "slow", 0, wait=True, timeout=60)


def test_a_queued_scan_runs_and_is_in_the_catalog():
    reset("count")
    before = caget(P + "Catalog:LastScanId", use_monitor=False)
    caput(P + "Queue:Command", "scan", wait=True)
    args = ('{"detectors": ["%sdet1"], "triggers": ["%strig.PROC"], "args": ["%sm1", 1, 3], "num": 3,'
            ' "md": {"sample": "queued"}}') % (P, P, P)
    caput(P + "Queue:Arguments", args, wait=True)
    assert caput(P + "Queue:Submit", 1, wait=True, timeout=10) == 1
    wait_for("the queued scan finished", lambda: "finished" in text(P + "Queue:Message"), timeout=60)
    sid = caget(P + "Catalog:LastScanId", use_monitor=False)
    assert sid == before + 1
    assert caget(PLAN + "ScanId", use_monitor=False) == sid
    uid = text(P + "Catalog:LastUid")
    assert text(PLAN + "Uid") == uid
    assert text(P + "Queue:Message").endswith(f"finished: run {sid} {uid}")
    assert abs(caget(P + "m1.RBV", use_monitor=False) - 3) < 1e-6


def test_a_closed_gate_refuses_and_nothing_moves():
    reset("scan")
    motor(1, "m1", 0, 5)
    caput(PLAN + "Num", 3, wait=True)
    caput(P + "Permit", 0, wait=True)
    caput(PLAN + "Gate", P + "Permit == 1", wait=True)
    moves = []
    mon = PV(P + "m1", auto_monitor=True, callback=lambda value=None, **kw: moves.append(value))
    try:
        mon.wait_for_connection(5)
        wait_for("first monitor", lambda: moves)
        moves.clear()
        status, message = run_plan()
        assert status == "Failed"
        assert message == f"Refused: run gate '{P}Permit == 1' is not met ({P}Permit is Off) (nothing moved)"
        caput(P + "Permit", 1, wait=True)
        assert moves == [], "the motor was not touched while the gate was closed"
        status, message = run_plan()
        assert status == "Done", message
    finally:
        mon.disconnect()
        caput(P + "Permit", 0, wait=True)


def test_a_target_beyond_the_soft_limit_is_refused():
    reset("scan")
    motor(1, "m1", 0, 60)
    caput(PLAN + "Num", 4, wait=True)
    status, message = run_plan()
    assert status == "Failed"
    assert message.startswith(f"Refused: {P}m1 point 3 of 4: target 60 is above its high limit 50"), message
