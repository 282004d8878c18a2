"""The seed notebook's area-detector flow, replayed through libca against the default beamline IOC
(pv-definitions/default/st.cmd): the simulated camera 2bmbSP1:cam1: in beamline mode taking 3 frames per trigger,
Stats1 and the HDF1 writer staged as ophyd stages them (Stream mode, LZ4), and the sample motors 2bmb:m63 (X) and
2bmb:m25 (Y). Plans: `count` 5 times (trigger as ophyd's SingleTrigger: Acquire=1 without callback, done on the
Acquire_RBV 1->0 edge), a 1-motor scan, a 2-motor scan and a 5x4 snake grid with the sscan records (T1PV = cam
Acquire, detectors = Stats1 Total/MaxValue/UniqueId). Each plan is one HDF5 file; h5py reads it as
(N points, 3, 1024, 1024), its unique ids match what the Stats PVs said at each point, and numpy's total and maximum
of those frames equal Stats1's."""
import threading

import h5py
import numpy as np
import pytest
from epics import PV, caget, caput, get_pv

from procedure_client import text, wait_for

P = "2bmbSP1:"
CAM, STATS, HDF = P + "cam1:", P + "Stats1:", P + "HDF1:"
FRAMES_PER_POINT = 3
X, Y = "2bmb:m63", "2bmb:m25"


@pytest.fixture(scope="module")
def beamline(default_beamline):
    """The session's default beamline IOC (conftest), its camera staged; the scan records are left as found."""
    stage_camera()
    yield default_beamline
    for scan in ("2bmb:scan1", "2bmb:scan2"):
        set_scan(scan, T1PV=scan.replace("scan2", "scan1") + ".EXSC" if scan.endswith("2") else "", P1PV="",
                 R1PV="", P2PV="", R2PV="", D01PV="", D02PV="", D03PV="", SNAKE="NO")


def put(pv, value, timeout=30):
    assert caput(pv, value, wait=True, timeout=timeout) == 1, pv


def stage_camera():
    """The camera and plugins as the notebook's ophyd device stages them (after apstools has primed HDF1)."""
    put(CAM + "Acquire", 0)
    put(CAM + "SimMode", "Beamline")
    put(CAM + "SimShutter", "Open")
    put(CAM + "DataType", "UInt16")
    put(CAM + "AcquireTime", 0.001)
    put(CAM + "AcquirePeriod", 0.005)
    put(CAM + "ArrayCallbacks", "Enable")
    for plugin in (STATS, HDF):
        put(plugin + "EnableCallbacks", "Enable")
        put(plugin + "BlockingCallbacks", "Yes")
    put(STATS + "ComputeStatistics", "Yes")
    # priming: one frame so HDF1 knows the dimensions (apstools AD_prime_plugin)
    put(CAM + "ImageMode", "Single")
    put(CAM + "Acquire", 1)
    assert [caget(HDF + f"ArraySize{i}_RBV") for i in (0, 1)] == [1024, 1024]
    put(CAM + "ImageMode", "Multiple")
    put(CAM + "NumImages", FRAMES_PER_POINT)


class Capture:
    """HDF1 staged as ophyd's FileStoreHDF5 stages it; leaving the block stops the capture and waits for the
    file (the Capture put-callback ends when the file is closed)."""

    def __init__(self, directory, name):
        self.directory, self.name = directory, name

    def __enter__(self):
        put(HDF + "FilePath", str(self.directory) + "/")
        put(HDF + "CreateDirectory", -3)
        assert caget(HDF + "FilePathExists_RBV", use_monitor=False) == 1
        put(HDF + "FileName", self.name)
        put(HDF + "FileTemplate", "%s%s_%6.6d.h5")
        put(HDF + "FileNumber", 0)
        put(HDF + "AutoIncrement", "Yes")
        put(HDF + "FileWriteMode", "Stream")
        put(HDF + "Compression", "LZ4")
        put(HDF + "NumCapture", 0)
        put(CAM + "ArrayCounter", 0)
        caput(HDF + "Capture", 1)  # without callback: it ends with the capture
        wait_for("capturing", lambda: caget(HDF + "Capture_RBV", use_monitor=False) == 1, 10)
        return self

    def __exit__(self, *exc):
        put(HDF + "Capture", 0, timeout=120)
        assert text(HDF + "WriteStatus") == "Write OK", text(HDF + "WriteMessage")
        self.path = text(HDF + "FullFileName_RBV")
        assert self.path == f"{self.directory}/{self.name}_000000.h5"
        return False


def trigger_like_ophyd():
    """Acquire=1 without a callback; done on the Acquire_RBV monitor's 1 -> 0 edge (ophyd SingleTrigger). The
    callback goes on pyepics' shared PV of Acquire_RBV (monitored since it connected) and is removed afterwards."""
    edges, done = [], threading.Event()

    def on_value(value=None, **_):
        edges.append(value)
        if edges[-2:] == [1, 0]:
            done.set()

    pv = get_pv(CAM + "Acquire_RBV", connect=True)
    assert pv.wait_for_connection(5) and pv.get(timeout=5) == 0
    index = pv.add_callback(on_value)
    try:
        caput(CAM + "Acquire", 1)
        assert done.wait(30), edges
    finally:
        pv.remove_callback(index)


def stats_now():
    return [caget(STATS + n, use_monitor=False) for n in ("Total_RBV", "MaxValue_RBV", "UniqueId_RBV")]


def frames_by_point(path, points):
    """The file as the AD_HDF5 handler gives it to databroker: frames (N, 3, Y, X) and their unique ids (N, 3)."""
    with h5py.File(path, "r") as f:
        data = f["/entry/data/data"]
        assert data.shape == (points * FRAMES_PER_POINT, 1024, 1024)
        assert data.dtype == np.uint16
        assert "32004" in data._filters  # LZ4
        frames = data[()].reshape(points, FRAMES_PER_POINT, 1024, 1024)
        ids = f["/entry/instrument/NDAttributes/NDArrayUniqueId"][()].reshape(points, FRAMES_PER_POINT)
    return frames, ids


def check_points(path, totals, maxima, unique_ids, as_float32=False):
    """The last frame of every point is the one the Stats PVs (or sscan's float32 arrays of them) describe at that
    point, and no frame of the file is lost or repeated."""
    frames, ids = frames_by_point(path, len(unique_ids))
    last = frames[:, -1].astype(np.int64)
    for got, exact in zip((unique_ids, totals, maxima), (ids[:, -1], last.sum(axis=(1, 2)), last.max(axis=(1, 2)))):
        if as_float32:
            exact = np.asarray(exact, dtype=np.float64).astype(np.float32)
        np.testing.assert_array_equal(got, exact)
    np.testing.assert_array_equal(ids.ravel(), np.arange(ids.size) + ids[0, 0])
    return frames


def sscan_columns(scan, points):
    """D01..D03 of a finished scan: Stats1 Total, MaxValue, UniqueId per point (sscan's arrays are float32)."""
    return [np.asarray(caget(f"{scan}.D0{i}DA", use_monitor=False)[:points]) for i in (1, 2, 3)]


def set_scan(scan, **fields):
    for field, value in fields.items():
        put(f"{scan}.{field}", value)


def detectors_on(scan):
    set_scan(scan, T1PV=CAM + "Acquire", D01PV=STATS + "Total_RBV", D02PV=STATS + "MaxValue_RBV",
             D03PV=STATS + "UniqueId_RBV")


def test_count_five_times(beamline, tmp_path):
    rows = []
    with Capture(tmp_path, "count") as cap:
        for _ in range(5):
            trigger_like_ophyd()
            assert caget(CAM + "NumImagesCounter_RBV", use_monitor=False) == FRAMES_PER_POINT
            rows.append(stats_now())
    totals, maxima, ids = (np.array(c) for c in zip(*rows))
    frames = check_points(cap.path, totals, maxima, ids)
    assert frames[:, -1].max() > 0, "the shutter is open: the beam is on the detector"


def test_one_motor_scan(beamline, tmp_path):
    s = "2bmb:scan1"
    set_scan(s, P1PV=X + ".VAL", R1PV=X + ".RBV", P1SP=-1.0, P1EP=1.0, NPTS=5, P2PV="", R2PV="")
    detectors_on(s)
    with Capture(tmp_path, "scan1") as cap:
        put(s + ".EXSC", 1, timeout=180)
    totals, maxima, ids = sscan_columns(s, 5)
    check_points(cap.path, totals, maxima, ids, as_float32=True)
    assert len(set(totals.tolist())) > 1, "moving the sample changes the image"
    np.testing.assert_allclose(caget(s + ".R1CV", use_monitor=False), 1.0, atol=0.01)


def test_two_motor_scan(beamline, tmp_path):
    s = "2bmb:scan1"
    set_scan(s, P1PV=X + ".VAL", R1PV=X + ".RBV", P1SP=-0.5, P1EP=0.5, P2PV=Y + ".VAL", R2PV=Y + ".RBV",
             P2SP=0.0, P2EP=0.4, NPTS=5)
    detectors_on(s)
    with Capture(tmp_path, "scan2") as cap:
        put(s + ".EXSC", 1, timeout=180)
    totals, maxima, ids = sscan_columns(s, 5)
    check_points(cap.path, totals, maxima, ids, as_float32=True)
    np.testing.assert_allclose(caget(s + ".P2RA", use_monitor=False)[:5], np.linspace(0, 0.4, 5), atol=0.01)
    set_scan(s, P2PV="", R2PV="")


def test_snake_grid_5_by_4(beamline, tmp_path):
    outer, inner = "2bmb:scan2", "2bmb:scan1"
    set_scan(outer, P1PV=X + ".VAL", R1PV=X + ".RBV", P1SP=-1.0, P1EP=1.0, NPTS=5, T1PV=inner + ".EXSC")
    set_scan(inner, P1PV=Y + ".VAL", R1PV=Y + ".RBV", P1SP=-0.3, P1EP=0.3, NPTS=4, P2PV="", R2PV="",
             SNAKE="YES")
    detectors_on(inner)
    # the inner scan's arrays are posted at the end of every pass: one row of the grid each
    seen = {n: [] for n in ("D01DA", "D02DA", "D03DA", "P1RA")}

    def recorder(n):
        return lambda value=None, **_: seen[n].append(np.array(value[:4]))

    pvs = {n: PV(f"{inner}.{n}", auto_monitor=True, callback=recorder(n)) for n in seen}
    wait_for("first array monitors", lambda: all(seen.values()), 10)
    for v in seen.values():
        v.clear()
    try:
        with Capture(tmp_path, "grid") as cap:
            put(outer + ".EXSC", 1, timeout=600)
        wait_for("five inner passes", lambda: all(len(v) >= 5 for v in seen.values()), 10)
    finally:
        for pv in pvs.values():
            pv.clear_callbacks()
        set_scan(inner, SNAKE="NO")
        set_scan(outer, P1PV="", R1PV="")
    totals, maxima, ids = (np.concatenate(seen[n][:5]) for n in ("D01DA", "D02DA", "D03DA"))
    frames = check_points(cap.path, totals, maxima, ids, as_float32=True)
    assert frames.reshape(5, 4, FRAMES_PER_POINT, 1024, 1024).shape == (5, 4, 3, 1024, 1024)
    y = np.array(seen["P1RA"][:5])
    np.testing.assert_allclose(y[0], np.linspace(-0.3, 0.3, 4), atol=0.01)
    np.testing.assert_allclose(y[1], np.linspace(0.3, -0.3, 4), atol=0.01)  # snake: odd rows run backwards
    np.testing.assert_allclose(y[4], y[0], atol=0.01)
