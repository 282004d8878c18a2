"""ROI and Stats plugins over real libca (pv-definitions/test/ad-roistats.cmd): frames from the simulated camera,
image1:ArrayData read back, and the Stats/ROI PVs compared with numpy's computation on the same frame (matched by
UniqueId_RBV)."""

import numpy as np
import pytest

import conftest
from jioc_process import ioc_on_port
from waiting import wait_until

epics = pytest.importorskip("epics")
P = "jioc:rs:"
PORT = conftest.SPARE_CA_PORTS[6]
NX, NY = 120, 90


@pytest.fixture(scope="module")
def ioc():
    with ioc_on_port(conftest.ROOT / "pv-definitions/test/ad-roistats.cmd", PORT, log_name="ad-roistats-ioc.log",
                     ready=lambda: epics.caget(P + "cam1:Manufacturer_RBV", timeout=1.0) is not None) as proc:
        yield proc


def get(name, **kw):
    v = epics.caget(P + name, timeout=5, **kw)
    assert v is not None, name
    return v


def put(name, value):
    assert epics.caput(P + name, value, wait=True, timeout=10) == 1, name


def put_rbv(name, value):
    """Write a setting and wait until its _RBV shows it (the plugin has taken it)."""
    put(name, value)
    as_string = isinstance(value, str)
    wait_until(name + "_RBV == " + repr(value), lambda: get(name + "_RBV", as_string=as_string) == value, 5)


def acquire(plugins=("image1", "Stats1", "ROI1", "Stats2", "image2")):
    """One frame (Single mode); returns its unique id once the camera's and every plugin's UniqueId_RBV show it.
    I/O Intr records update after the put-callback returns, so the id is the last one plus one, not a read."""
    last = get("cam1:UniqueId_RBV")
    wait_until("camera idle", lambda: get("cam1:Acquire_RBV") == 0 and get("image1:UniqueId_RBV") == last, 5)
    put("cam1:Acquire", 1)  # put-callback: returns when acquisition and (WaitForPlugins) the plugins are done
    uid = last + 1
    for p in ("cam1",) + tuple(plugins):
        wait_until(p + " has frame %d" % uid, lambda p=p: get(p + ":UniqueId_RBV") == uid, 5)
    return uid


def camera_frame():
    return np.asarray(get("image1:ArrayData", count=NX * NY), dtype=np.int64).reshape(NY, NX).astype(np.uint16)


def border_net(f, w):
    """Net as areaDetector defines it: total - mean of the first/last w pixels along each axis (corners twice) * N."""
    total = float(f.sum(dtype=np.float64))
    if w <= 0:
        return total
    bsum, bn = 0.0, 0
    for axis in range(f.ndim):
        n = f.shape[axis]
        w1 = min(w, n)
        off = max(0, n - w)
        for idx in (range(w1), range(off, off + min(w, n - off))):
            s = np.take(f, list(idx), axis=axis).astype(np.float64)
            bsum += s.sum()
            bn += s.size
    return total - bsum / bn * f.size


def centroid(f, thr):
    w = np.where(f >= thr, f.astype(np.float64), 0.0)
    y, x = np.mgrid[0:f.shape[0], 0:f.shape[1]]
    m = w.sum()
    cx, cy = (w * x).sum() / m, (w * y).sum() / m
    sx = np.sqrt((w * (x - cx) ** 2).sum() / m)
    sy = np.sqrt((w * (y - cy) ** 2).sum() / m)
    return m, cx, cy, sx, sy


def setup_camera():
    put_rbv("cam1:ImageMode", "Single")
    put_rbv("cam1:WaitForPlugins", "Yes")
    put_rbv("cam1:SimMode", "Peaks")
    put_rbv("cam1:Gain", 900.0)
    put_rbv("cam1:PeakStartX", 47)
    put_rbv("cam1:PeakStartY", 38)
    put_rbv("cam1:PeakWidthX", 9)
    put_rbv("cam1:PeakWidthY", 6)
    put_rbv("cam1:Offset", 100.0)
    put_rbv("cam1:Noise", 60.0)


def test_plugin_types_and_defaults(ioc):
    assert get("ROI1:PluginType_RBV") == "NDPluginROI"
    assert get("Stats1:PluginType_RBV") == "NDPluginStats"
    assert get("Stats1:ComputeStatistics_RBV", as_string=True) == "Yes"
    assert get("Stats1:ComputeCentroid_RBV", as_string=True) == "No"
    assert get("Stats1:ComputeHistogram_RBV", as_string=True) == "No"
    assert get("Stats1:BgdWidth_RBV") == 1
    assert get("Stats1:CentroidThreshold_RBV") == 1.0
    assert get("Stats1:HistSize_RBV") == 256
    assert get("ROI1:SizeX_RBV") == 1000000
    assert get("ROI1:BinY_RBV") == 1
    assert get("ROI1:EnableZ_RBV", as_string=True) == "Enable"
    assert get("ROI1:DataTypeOut_RBV", as_string=True) == "Automatic"
    assert get("ROI1:DataTypeOut", as_string=True) == "Automatic"
    assert get("ROI1:CollapseDims_RBV", as_string=True) == "Disable"


def test_stats_equal_numpy_on_the_same_frames(ioc):
    setup_camera()
    put_rbv("Stats1:BgdWidth", 3)
    put_rbv("Stats1:ComputeCentroid", "Yes")
    put_rbv("Stats1:CentroidThreshold", 400.0)
    put_rbv("Stats1:ComputeHistogram", "Yes")
    put_rbv("Stats1:HistSize", 64)
    put_rbv("Stats1:HistMin", 0.0)
    put_rbv("Stats1:HistMax", 1280.0)
    for _ in range(3):  # noise differs per frame
        uid = acquire()
        f = camera_frame()
        assert get("image1:UniqueId_RBV") == uid == get("Stats1:UniqueId_RBV")
        d = f.astype(np.float64)
        assert get("Stats1:Total_RBV") == pytest.approx(d.sum(), rel=1e-12)
        assert get("Stats1:MinValue_RBV") == d.min()
        assert get("Stats1:MaxValue_RBV") == d.max()
        assert get("Stats1:MeanValue_RBV") == pytest.approx(d.mean(), rel=1e-12)
        assert get("Stats1:Sigma_RBV") == pytest.approx(d.std(), rel=1e-9)
        assert get("Stats1:Net_RBV") == pytest.approx(border_net(f, 3), rel=1e-9)
        iy, ix = np.unravel_index(np.argmax(f), f.shape)
        assert (get("Stats1:MaxX_RBV"), get("Stats1:MaxY_RBV")) == (ix, iy)
        iy, ix = np.unravel_index(np.argmin(f), f.shape)
        assert (get("Stats1:MinX_RBV"), get("Stats1:MinY_RBV")) == (ix, iy)
        m, cx, cy, sx, sy = centroid(f, 400)
        assert get("Stats1:CentroidTotal_RBV") == pytest.approx(m, rel=1e-12)
        assert get("Stats1:CentroidX_RBV") == pytest.approx(cx, rel=1e-9)
        assert get("Stats1:CentroidY_RBV") == pytest.approx(cy, rel=1e-9)
        assert get("Stats1:SigmaX_RBV") == pytest.approx(sx, rel=1e-7)
        assert get("Stats1:SigmaY_RBV") == pytest.approx(sy, rel=1e-7)
        assert abs(cx - 47) < 1 and abs(cy - 38) < 1
        bins = np.floor((d - 0) * 64 / 1280.0 + 0.5).astype(int)
        inside = (d >= 0) & (d <= 1280) & (bins <= 63)
        want = np.bincount(bins[inside], minlength=64)
        np.testing.assert_array_equal(np.asarray(get("Stats1:Histogram_RBV", count=64)), want)
        assert get("Stats1:HistAbove_RBV") == int((~inside).sum())
    put_rbv("Stats1:BgdWidth", 0)
    acquire()
    f = camera_frame()
    assert get("Stats1:Net_RBV") == pytest.approx(float(f.sum()), rel=1e-12)


def test_roi_region_binning_reversal_and_type_feed_stats2(ioc):
    setup_camera()
    put_rbv("ROI1:MinX", 10)
    put_rbv("ROI1:SizeX", 50)
    put_rbv("ROI1:BinX", 2)
    put_rbv("ROI1:MinY", 5)
    put_rbv("ROI1:SizeY", 40)
    put_rbv("ROI1:ReverseY", "Yes")
    put_rbv("ROI1:DataTypeOut", "UInt32")
    uid = acquire()
    f = camera_frame().astype(np.int64)
    want = f[5:45, 10:60].reshape(40, 25, 2).sum(axis=2)[::-1]
    assert get("ROI1:UniqueId_RBV") == uid == get("Stats2:UniqueId_RBV") == get("image2:UniqueId_RBV")
    assert (get("ROI1:ArraySizeX_RBV"), get("ROI1:ArraySizeY_RBV")) == (25, 40)
    assert (get("ROI1:MaxSizeX_RBV"), get("ROI1:MaxSizeY_RBV")) == (NX, NY)
    assert get("ROI1:DataType_RBV", as_string=True) == "UInt32"
    roi = np.asarray(get("image2:ArrayData", count=25 * 40)).reshape(40, 25)
    np.testing.assert_array_equal(roi, want)
    assert get("Stats2:Total_RBV") == pytest.approx(float(want.sum()), rel=1e-12)
    assert get("Stats2:MaxValue_RBV") == want.max()
    assert get("Stats2:Net_RBV") == pytest.approx(border_net(want, 1), rel=1e-9)


def test_roi_request_is_clipped_to_the_frame_and_kept(ioc):
    setup_camera()
    put_rbv("ROI1:ReverseY", "No")
    put_rbv("ROI1:BinX", 1)
    put_rbv("ROI1:DataTypeOut", "Automatic")
    put_rbv("ROI1:MinX", 100)
    put_rbv("ROI1:SizeX", 1000)
    acquire()
    assert get("ROI1:SizeX_RBV") == NX - 100
    assert get("ROI1:ArraySizeX_RBV") == NX - 100
    assert get("ROI1:DataType_RBV", as_string=True) == "UInt16"
    put_rbv("ROI1:SizeY", 1)
    put_rbv("ROI1:CollapseDims", "Enable")
    acquire()
    assert get("ROI1:NDimensions_RBV") == 1
    assert get("ROI1:ArraySizeX_RBV") == NX - 100
    f = camera_frame()
    np.testing.assert_array_equal(np.asarray(get("image2:ArrayData", count=NX - 100)), f[5, 100:])


def test_profiles_equal_numpy(ioc):
    setup_camera()
    put_rbv("Stats1:ComputeProfiles", "Yes")
    put_rbv("Stats1:ComputeCentroid", "Yes")
    put_rbv("Stats1:CentroidThreshold", 400.0)
    put_rbv("Stats1:CursorX", 30)
    put_rbv("Stats1:CursorY", 200)  # beyond the frame: clamped to the last row
    acquire()
    f = camera_frame().astype(np.float64)
    assert (get("Stats1:ProfileSizeX_RBV"), get("Stats1:ProfileSizeY_RBV")) == (NX, NY)
    np.testing.assert_allclose(get("Stats1:ProfileAverageX_RBV", count=NX), f.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(get("Stats1:ProfileAverageY_RBV", count=NY), f.mean(axis=1), rtol=1e-12)
    thr = np.where(f >= 400, f, 0)
    np.testing.assert_allclose(get("Stats1:ProfileThresholdX_RBV", count=NX), thr.mean(axis=0), rtol=1e-12)
    cx, cy = get("Stats1:CentroidX_RBV"), get("Stats1:CentroidY_RBV")
    np.testing.assert_array_equal(get("Stats1:ProfileCentroidX_RBV", count=NX), f[int(cy + 0.5)])
    np.testing.assert_array_equal(get("Stats1:ProfileCentroidY_RBV", count=NY), f[:, int(cx + 0.5)])
    np.testing.assert_array_equal(get("Stats1:ProfileCursorX_RBV", count=NX), f[NY - 1])
    np.testing.assert_array_equal(get("Stats1:ProfileCursorY_RBV", count=NY), f[:, 30])
    put("Stats1:CursorX", 31)  # a cursor move recomputes from the last frame, no new frame needed
    wait_until("cursor profile at column 31",
               lambda: np.array_equal(get("Stats1:ProfileCursorY_RBV", count=NY), f[:, 31]), 5)
