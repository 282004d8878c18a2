"""Procedures through libca, as an operator's client drives them: a put-callback on Start returns when the
procedure has ended; an abort from a second client (another process) ends it at once with Status Aborted, the
busy Done and a Message naming who aborted; a false precondition fails it before anything moves.

The IOC is pv-definitions/test/procedures.cmd on a spare port: "Dwell" (dwell 3 s) and "WaitSet" (wait for
Ready, then put Device = 1 with completion, Device being a busy that takes 3 s; precondition Permit == 1; the abort
hook puts Device = 0).
"""
import os
import pwd
import time

import pytest
from epics import PV, caget, caput

import procedure_client
from conftest import ROOT, SPARE_CA_PORTS
from procedure_client import STATUS, second_client_put, wait_for
from jioc_process import ioc_on_port

P = "jioc:proc:"
USER = pwd.getpwuid(os.getuid()).pw_name
DWELL = 3
DEVICE_TIME = 3


@pytest.fixture(scope="module", autouse=True)
def proc_ioc():
    with ioc_on_port(ROOT / "pv-definitions" / "test" / "procedures.cmd", SPARE_CA_PORTS[3],
                     {"P": P, "DWELL": str(DWELL), "DEVICE_TIME": str(DEVICE_TIME)}, log_name="procedures-test-ioc.log",
                     ready=lambda: caget(P + "Dwell:Status", timeout=1.0) is not None) as ioc:
        yield ioc


def text(name):
    return procedure_client.text(P + name)


def Starter(name):
    return procedure_client.PutCallback(P + name + ":Start")


def assert_ended(name, status, message_start):
    procedure_client.assert_ended(P + name, status, message_start)


def test_put_callback_on_start_returns_when_the_procedure_is_done():
    assert text("Dwell:Status") in ("Idle", "Done")
    assert text("Dwell:Precheck") == "Ready"
    t0 = time.time()
    assert caput(P + "Dwell:Start", 1, wait=True, timeout=30) == 1
    assert time.time() - t0 >= DWELL - 0.1
    assert_ended("Dwell", "Done", "Done: dwelled 3 s")
    assert text("Dwell:Step") == "dwell"
    assert caget(P + "Dwell:StepIndex", use_monitor=False) == 1


def test_abort_from_a_second_client_ends_the_run_at_once():
    statuses = []
    monitor = PV(P + "Dwell:Status", auto_monitor=True, callback=lambda value=None, **kw: statuses.append(value))
    try:
        starter = Starter("Dwell")
        starter.start()
        wait_for("Running", lambda: text("Dwell:Status") == "Running")
        assert caget(P + "Dwell:Start", use_monitor=False) == 1
        second_client_put(P + "Dwell:Abort", 1)
        starter.join(timeout=30)
        assert starter.result == 1, "the put-callback on Start completes on abort too"
        assert starter.elapsed < DWELL, "the abort did not end the dwell"
        assert_ended("Dwell", "Aborted", f"Aborted by ca:{USER}@")
        assert text("Dwell:Message").endswith(f"via {P}Dwell:Abort in step 'dwell'")
        wait_for("Abort reset to No", lambda: text("Dwell:Abort") == "No")
        wait_for("the Aborted monitor event", lambda: STATUS.index("Aborted") in statuses)
        assert STATUS.index("Running") in statuses
    finally:
        monitor.disconnect()


def test_wait_then_put_with_completion_runs_to_done():
    caput(P + "Permit", 1, wait=True)
    caput(P + "Ready", 0, wait=True)
    starter = Starter("WaitSet")
    starter.start()
    wait_for("the wait step", lambda: text("WaitSet:Step") == "wait")
    time.sleep(0.3)
    assert starter.result is None, "still waiting for Ready"
    t_ready = time.time()
    caput(P + "Ready", 1, wait=True)
    starter.join(timeout=30)
    assert starter.result == 1
    assert time.time() - t_ready >= DEVICE_TIME - 0.1, "Start returned before the device had finished"
    assert_ended("WaitSet", "Done", f"Done: {P}Device = 1")
    assert caget(P + "Device", use_monitor=False) == 0


def test_abort_during_a_put_with_completion_stops_the_device():
    caput(P + "Permit", 1, wait=True)
    caput(P + "Ready", 1, wait=True)
    starter = Starter("WaitSet")
    starter.start()
    wait_for("the set step", lambda: text("WaitSet:Step") == "set")
    wait_for("the device busy", lambda: caget(P + "Device", use_monitor=False) == 1)
    second_client_put(P + "WaitSet:Abort", 1)
    starter.join(timeout=30)
    assert starter.result == 1 and starter.elapsed < DEVICE_TIME
    assert_ended("WaitSet", "Aborted", f"Aborted by ca:{USER}@")
    assert text("WaitSet:Message").endswith("in step 'set'")
    assert caget(P + "Device", use_monitor=False) == 0, "the step's abort hook stopped the device"


def test_abort_during_a_wait():
    caput(P + "Permit", 1, wait=True)
    caput(P + "Ready", 0, wait=True)
    starter = Starter("WaitSet")
    starter.start()
    wait_for("the wait step", lambda: text("WaitSet:Step") == "wait")
    assert text("WaitSet:Message") == f"Waiting for {P}Ready == 1"
    second_client_put(P + "WaitSet:Abort", 1)
    starter.join(timeout=30)
    assert starter.result == 1
    assert_ended("WaitSet", "Aborted", f"Aborted by ca:{USER}@")
    assert text("WaitSet:Message").endswith("in step 'wait'")


def test_failing_precondition_fails_before_anything_moves():
    caput(P + "Ready", 1, wait=True)
    caput(P + "Permit", 0, wait=True)
    reason = f"the permit is off ({P}Permit is Off, needs {P}Permit == 1)"
    wait_for("Precheck Blocked", lambda: text("WaitSet:Precheck") == "Blocked")
    assert text("WaitSet:PrecheckMessage") == reason
    device_events = []
    device = PV(P + "Device", auto_monitor=True, callback=lambda value=None, **kw: device_events.append(value))
    try:
        device.wait_for_connection(timeout=5)
        wait_for("the device monitor's first value", lambda: device_events == [0])
        t0 = time.time()
        assert caput(P + "WaitSet:Start", 1, wait=True, timeout=30) == 1
        assert time.time() - t0 < 2
        assert_ended("WaitSet", "Failed", "Not started: " + reason)
        assert caget(P + "WaitSet:StepIndex", use_monitor=False) == 0
        time.sleep(0.3)
        assert device_events == [0], "the device must not have been touched"
    finally:
        device.disconnect()
    caput(P + "Permit", 1, wait=True)
    wait_for("Precheck Ready", lambda: text("WaitSet:Precheck") == "Ready")
    assert text("WaitSet:PrecheckMessage") == "Ready"
