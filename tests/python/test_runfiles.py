"""Data files of plan runs through libca (docs/datafiles.md, docs/plans.md): every run writes a NeXus file named by
$(P)Plan:FullFileName_RBV and appends to the SPEC file $(P)Plan:SpecFile_RBV. Read with real readers: h5py for
NeXus, silx's SpecFile for SPEC. Values are checked against what CA shows (the detectors' monitors) and against the
test IOC's formulas: det1 = m1, det3 = 100*m1 + 10*m2 + m3 (the motors' readbacks). Breakpoint files are read
while the scan is still running; the run catalog's run_files are read with H2's own shell after the IOC stopped.

The IOC is pv-definitions/test/plans.cmd on SPARE_CA_PORTS[9] with a private JIOC_HOME (data in var/data).
"""
import functools
import glob
import os
import subprocess
import time

import h5py
import numpy as np
import pytest
from epics import PV, caget, caput
from silx.io.specfile import SpecFile

from conftest import ROOT, SPARE_CA_PORTS
from jioc_process import start_ioc, stop_ioc
from plan_client import plan_motor
from procedure_client import PutCallback, text, wait_for
from pv_recorder import ValueRecorder

P = "jioc:files:"
PLAN = P + "Plan:"


@pytest.fixture(scope="module")
def files_ioc(tmp_path_factory):
    home = tmp_path_factory.mktemp("runfiles-home")
    ioc = start_ioc(ROOT / "pv-definitions" / "test" / "plans.cmd",
                    {"P": P, "JIOC_HOME": str(home), "EPICS_CA_SERVER_PORT": str(SPARE_CA_PORTS[9]),
                     "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1"},
                    log_name="runfiles-test-ioc.log", ready=lambda: caget(PLAN + "Status", timeout=1.0) is not None)
    try:
        yield ioc, home
    finally:
        stop_ioc(ioc)


Monitor = ValueRecorder  # every value a detector posts over CA: one per point


def setup_scan(detectors, breakpoints="", settle=0.0):
    caput(PLAN + "PlanName", "scan", wait=True)
    for n in range(1, 5):
        caput(PLAN + f"M{n}:Name", "", wait=True)
        caput(PLAN + f"M{n}:Snake", 0, wait=True)
    for f in ("ExtraPvs", "PreScan", "PostScan", "AtBreak", "PointCheck", "Gate", "Md"):
        caput(PLAN + f, "", wait=True)
    caput(PLAN + "Breakpoints", breakpoints, wait=True)
    caput(PLAN + "Detectors", " ".join(P + d for d in detectors), wait=True)
    caput(PLAN + "Triggers", P + "trig.PROC", wait=True)
    caput(PLAN + "Settle", settle, wait=True)
    for m in ("m1", "m2", "m3"):
        caput(P + m, 0, wait=True, timeout=30)


motor = functools.partial(plan_motor, P)  # motor(n, name, start, stop, num)


def run_plan():
    assert caput(PLAN + "Start", 1, wait=True, timeout=120) == 1
    assert text(PLAN + "Status") == "Done", text(PLAN + "Message")


def s(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def spec_scan(path, scan_id):
    sf = SpecFile(path)
    return sf, sf[f"{scan_id}.1"]


def test_scan_with_two_detectors_writes_nexus_and_spec(files_ioc):
    _, home = files_ioc
    setup_scan(["det1", "det3"])
    motor(1, "m1", 0, 4)
    caput(PLAN + "Num", 5, wait=True)
    number = caget(PLAN + "FileNumber", use_monitor=False)
    mon1, mon3 = Monitor(P + "det1"), Monitor(P + "det3")
    try:
        run_plan()
    finally:
        mon1.close(), mon3.close()
    nexus = text(PLAN + "FullFileName_RBV")
    assert nexus == f"{home}/var/data/scan_{number:04d}.h5"
    assert caget(PLAN + "FileNumber", use_monitor=False) == number + 1, "AutoIncrement is Yes by default"
    assert caget(PLAN + "FilePathExists_RBV", as_string=True, use_monitor=False) == "Yes"
    scan_id, uid = caget(PLAN + "ScanId", use_monitor=False), text(PLAN + "Uid")
    assert text(P + "Catalog:LastUid") == uid
    positions = np.linspace(0, 4, 5)
    with h5py.File(nexus, "r") as f:
        assert s(f.attrs["default"]) == "entry" and s(f["entry"].attrs["NX_class"]) == "NXentry"
        assert s(f["entry/entry_identifier"][()]) == uid
        assert int(f["entry/scan_id"][()]) == scan_id
        assert s(f["entry/exit_status"][()]) == "success"
        data = f["entry/data"]
        assert s(data.attrs["NX_class"]) == "NXdata"
        signal = s(data.attrs["signal"])
        axes = [s(a) for a in np.atleast_1d(data.attrs["axes"])]
        assert signal == P + "det1" and axes == [P + "m1"]
        assert data[signal].shape == data[axes[0]].shape == (5,)
        np.testing.assert_allclose(data[P + "m1"][()], positions)
        # the NeXus arrays equal what CA showed at every point, and the formulas
        np.testing.assert_allclose(data[P + "det1"][()], mon1.values, atol=1e-9)
        np.testing.assert_allclose(data[P + "det3"][()], mon3.values, atol=1e-9)
        np.testing.assert_allclose(data[P + "det1"][()], positions, atol=1e-3)
        np.testing.assert_allclose(data[P + "det3"][()], 100 * positions, atol=1e-1)
        np.testing.assert_allclose(f[f"entry/instrument/readbacks/{P}m1_rbv"][()], positions, atol=1e-3)
        assert s(f[f"entry/instrument/{P}det3"].attrs["NX_class"]) == "NXdetector"
    spec_path = text(PLAN + "SpecFile_RBV")
    assert spec_path == f"{home}/var/data/scan.spec"
    sf, scan = spec_scan(spec_path, scan_id)
    try:
        assert list(scan.labels) == [P + "m1", "Epoch", "Epoch_float", P + "m1_rbv", P + "det3", P + "det1"]
        np.testing.assert_allclose(scan.data_column_by_name(P + "m1"), positions)
        np.testing.assert_allclose(scan.data_column_by_name(P + "det1"), mon1.values, atol=1e-9)
        np.testing.assert_allclose(scan.data_column_by_name(P + "det3"), mon3.values, atol=1e-9)
        assert list(scan.motor_names) == [P + "m1"]
        assert f"uid = {uid}" in "\n".join(scan.header)
    finally:
        sf.close()


def test_snake_grid_scan_nexus_has_the_grid_shape(files_ioc):
    setup_scan(["det3"])
    caput(PLAN + "PlanName", "grid_scan", wait=True)
    motor(1, "m1", 1, 3, 3)
    motor(2, "m2", 1, 2, 2)
    caput(PLAN + "M2:Snake", 1, wait=True)
    run_plan()
    scan_id = caget(PLAN + "ScanId", use_monitor=False)
    m1, m2 = np.linspace(1, 3, 3), np.linspace(1, 2, 2)
    with h5py.File(text(PLAN + "FullFileName_RBV"), "r") as f:
        data = f["entry/data"]
        signal = s(data.attrs["signal"])
        axes = [s(a) for a in data.attrs["axes"]]
        assert axes == [P + "m1", P + "m2"]
        assert data[signal].shape == (3, 2)
        for d, ax in enumerate(axes):
            assert int(data.attrs[ax + "_indices"]) == d
        np.testing.assert_allclose(data[P + "m1"][()], m1)
        np.testing.assert_allclose(data[P + "m2"][()], m2)
        np.testing.assert_allclose(data[P + "det3"][()], 100 * m1[:, None] + 10 * m2[None, :], atol=1e-1)
        assert list(f["entry/plan/shape"][()]) == [3, 2] and list(f["entry/plan/snake"][()]) == [0, 1]
        # scan order under instrument/: the snaked axis runs backwards on odd rows (bluesky snake_cyclers)
        order = [100 * a + 10 * b for a, row in zip(m1, [m2, m2[::-1], m2]) for b in row]
        np.testing.assert_allclose(f[f"entry/instrument/{P}det3/data"][()], order, atol=1e-1)
    sf, scan = spec_scan(text(PLAN + "SpecFile_RBV"), scan_id)
    try:
        np.testing.assert_allclose(scan.data_column_by_name(P + "det3"), order, atol=1e-1)
        np.testing.assert_allclose(scan.data_column_by_name(P + "m2"), [1, 2, 2, 1, 1, 2])
    finally:
        sf.close()


def test_breakpoint_files_exist_mid_scan(files_ioc):
    setup_scan(["det1"], breakpoints="3", settle=0.4)
    motor(1, "m1", 0, 9)
    caput(PLAN + "Num", 10, wait=True)
    previous = text(PLAN + "FullFileName_RBV")
    start = PutCallback(PLAN + "Start", 1, timeout=120)
    start.start()
    try:
        wait_for("the run's files", lambda: text(PLAN + "FullFileName_RBV") != previous, timeout=20)
        assert text(PLAN + "Status") == "Running"
        nexus, spec = text(PLAN + "FullFileName_RBV"), text(PLAN + "SpecFile_RBV")
        scan_id = caget(PLAN + "ScanId", use_monitor=False)

        def points_in_file():
            with h5py.File(nexus, "r") as f:
                return int(f["entry/points_done"][()])

        wait_for("the breakpoint file", lambda: points_in_file() == 4, timeout=20)
        assert text(PLAN + "Status") == "Running"
        with h5py.File(nexus, "r") as f:
            assert s(f["entry/exit_status"][()]) == "in progress"
            np.testing.assert_allclose(f[f"entry/instrument/{P}det1/data"][()], [0, 1, 2, 3], atol=1e-3)
            np.testing.assert_allclose(f["entry/data/" + P + "det1"][()], [0, 1, 2, 3], atol=1e-3)
        sf, scan = spec_scan(spec, scan_id)
        try:
            np.testing.assert_allclose(scan.data_column_by_name(P + "det1"), [0, 1, 2, 3], atol=1e-3)
        finally:
            sf.close()
        assert text(PLAN + "Status") == "Running", "the files were read while the scan was still running"
        assert caget(PLAN + "PointsDone", use_monitor=False) < 10
    finally:
        start.join(120)
    assert text(PLAN + "Status") == "Done", text(PLAN + "Message")
    with h5py.File(nexus, "r") as f:
        assert int(f["entry/points_done"][()]) == 10 and s(f["entry/exit_status"][()]) == "success"
        np.testing.assert_allclose(f["entry/data/" + P + "det1"][()], np.arange(10), atol=1e-3)
    caput(PLAN + "Settle", 0, wait=True)
    caput(PLAN + "Breakpoints", "", wait=True)


def test_a_bad_file_path_is_refused_before_anything_moves(files_ioc, tmp_path):
    _, home = files_ioc
    setup_scan(["det1"])
    motor(1, "m1", 0, 1)
    caput(PLAN + "Num", 2, wait=True)
    blocker = tmp_path / "afile"
    blocker.write_text("a file, not a directory")
    good = text(PLAN + "FilePath")
    last = caget(P + "Catalog:LastScanId", use_monitor=False)
    moves = []
    m1 = PV(P + "m1", auto_monitor=True, callback=lambda value=None, **kw: moves.append(value))
    m1.wait_for_connection(5)
    wait_for("first m1 monitor", lambda: moves)
    moves.clear()
    try:
        caput(PLAN + "FilePath", f"{blocker}/data", wait=True)
        wait_for("FilePathExists_RBV No",
                 lambda: caget(PLAN + "FilePathExists_RBV", as_string=True, use_monitor=False) == "No")
        assert caput(PLAN + "Start", 1, wait=True, timeout=60) == 1
        assert text(PLAN + "Status") == "Failed"
        msg = text(PLAN + "Message")
        assert msg.startswith(f"Refused: data files: cannot create data directory {blocker}/data"), msg
        assert msg.endswith("(nothing moved)"), msg
        time.sleep(0.3)
        assert moves == [], "nothing was written to the motor"
        assert caget(P + "Catalog:LastScanId", use_monitor=False) == last, "a refused plan is no run"
    finally:
        m1.clear_callbacks()
        caput(PLAN + "FilePath", good, wait=True)
    run_plan()


def test_the_catalog_lists_the_files_of_each_run(files_ioc):
    ioc, home = files_ioc
    caput(PLAN + "PlanName", "count", wait=True)
    caput(PLAN + "Num", 2, wait=True)
    run_plan()
    uid, nexus, spec = text(PLAN + "Uid"), text(PLAN + "FullFileName_RBV"), text(PLAN + "SpecFile_RBV")
    assert text(P + "Catalog:LastUid") == uid
    stop_ioc(ioc)  # the embedded H2 file is locked by the IOC while it runs
    jar = sorted(glob.glob(str(ROOT / "ioc" / "target" / "lib" / "h2-*.jar")))[-1]
    out = subprocess.run(
        ["java", "-cp", jar, "org.h2.tools.Shell", "-url", f"jdbc:h2:file:{home}/var/catalog/catalog",
         "-user", "", "-password", "",
         "-sql", f"SELECT f.kind, f.path FROM run_files f WHERE f.run_uid = '{uid}' ORDER BY f.id"],
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    rows = [[c.strip() for c in line.split("|")] for line in out.stdout.splitlines() if "|" in line]
    assert rows[1:] == [["nexus", nexus], ["spec", spec]], out.stdout
    with h5py.File(nexus, "r") as f:
        assert s(f["entry/data"].attrs["axes"]) == "elapsed_time" or \
            [s(a) for a in np.atleast_1d(f["entry/data"].attrs["axes"])] == ["elapsed_time"]
        assert f["entry/data/" + s(f["entry/data"].attrs["signal"])].shape == (2,)
