"""Autosave with libca: values put over CA survive a SIGKILL of the IOC, and a truncated .sav file falls back to
the .savB with a clear log line. The IOC is pv-definitions/test/autosave-test.cmd on a spare port, saving every
second into a temporary directory."""
import signal
import time

from epics import caget, caput

import waiting
from conftest import SPARE_CA_PORTS
from jioc_process import ROOT, start_ioc, stop_ioc

P = "jioc:as:"
ST_CMD = ROOT / "pv-definitions" / "test" / "autosave-test.cmd"
PORT = SPARE_CA_PORTS[2]
LONG_PATH = "/data/2bm/" + "x" * 60 + "/scan_0042"  # longer than a DBR_STRING: saved as path.VAL$


def start(save_dir, log_name):
    env = {"EPICS_CA_SERVER_PORT": str(PORT), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1", "P": P,
           "AUTOSAVE_DIR": str(save_dir), "AUTOSAVE_PERIOD": "1"}
    return start_ioc(ST_CMD, env, log_name, ready=lambda: caget(P + "setpoint", timeout=1.0) is not None)


def wait_until(what, cond, timeout=20.0):
    waiting.wait_until(what, cond, timeout, poll=0.2)


def text(path):
    return path.read_text() if path.exists() else ""


def severities(names):
    return {n: caget(P + n + ".SEVR") for n in names}


def test_values_survive_sigkill_and_truncated_file_falls_back_to_backup(tmp_path):
    sav, savb, info = tmp_path / "autosave-test.sav", tmp_path / "autosave-test.savB", tmp_path / "info_settings.sav"
    ioc = start(tmp_path, "autosave-1.log")
    try:
        assert caput(P + "setpoint", 12.5, wait=True) == 1
        assert caput(P + "mode", "Two", wait=True) == 1            # an enum, put by its string
        assert caput(P + "label", "hello world", wait=True) == 1   # a string (info tag)
        assert caput(P + "table", [1.5, 2.5, 3.5], wait=True) == 1  # an array
        assert caput(P + "path.VAL$", LONG_PATH, wait=True) == 1   # a long string (info tag, VAL$)
        assert caput(P + "count", 42, wait=True) == 1               # pass 0 (info tag autosaveFields_pass0)
        wait_until("the values in the save files", lambda: "jioc:as:setpoint 12.5\n" in text(sav)
                   and "jioc:as:mode.VAL 2\n" in text(sav)
                   and 'jioc:as:table @array@ { "1.5" "2.5" "3.5" }' in text(sav)
                   and "jioc:as:label.VAL hello world\n" in text(info)
                   and LONG_PATH in text(info)
                   and "jioc:as:count.VAL 42\n" in text(tmp_path / "info_positions.sav"))
        time.sleep(1.5)  # past one more save period: nothing must be lost by the kill below
    finally:
        stop_ioc(ioc, signal.SIGKILL)

    ioc = start(tmp_path, "autosave-2.log")
    try:
        assert caget(P + "setpoint") == 12.5
        assert caget(P + "mode", as_string=True) == "Two"
        assert caget(P + "label") == "hello world"
        assert list(caget(P + "table", count=3)) == [1.5, 2.5, 3.5]
        assert caget(P + "table.NORD") == 3
        assert caget(P + "path.VAL$", as_string=True) == LONG_PATH
        assert caget(P + "count") == 42
        assert severities(["setpoint", "mode", "label", "table", "path", "count"]) == dict.fromkeys(
            ["setpoint", "mode", "label", "table", "path", "count"], 0), "restored records must not be in UDF alarm"
        # a newer value; the file it replaces becomes the .savB
        assert caput(P + "setpoint", 99.25, wait=True) == 1
        wait_until("99.25 in the .sav and 12.5 in the .savB", lambda: "jioc:as:setpoint 99.25\n" in text(sav)
                   and "jioc:as:setpoint 12.5\n" in text(savb))
    finally:
        stop_ioc(ioc, signal.SIGKILL)

    data = sav.read_bytes()
    assert data.rstrip().endswith(b"<END>")
    sav.write_bytes(data[: len(data) * 2 // 3])  # a crash in the middle of a write, as an unsafe writer leaves it

    ioc = start(tmp_path, "autosave-3.log")
    try:
        assert caget(P + "setpoint") == 12.5, "the truncated .sav must not be used, the .savB must"
        assert caget(P + "mode", as_string=True) == "Two"
        assert list(caget(P + "table", count=3)) == [1.5, 2.5, 3.5]
        assert caget(P + "setpoint.SEVR") == 0
        log = ioc.log_text()
        line = next((l for l in log.splitlines() if "autosave-test.sav is truncated" in l), None)
        assert line is not None, log
        assert "restoring from the backup" in line and str(savb) in line, line
    finally:
        stop_ioc(ioc)
