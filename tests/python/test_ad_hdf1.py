"""The HDF5 file writer HDF1: (NDFileHDF5 on the crash-safe spool) over real libca, read back with h5py and h5dump
(pv-definitions/test/hdf1.cmd: a 1024x1024 UInt16 simulated camera, image1: and HDF1:). Each test waits on PVs
(put-callbacks, _RBV values), never on fixed sleeps."""
import os
import shutil
import signal
import subprocess
import threading
import time

import numpy as np
import pytest

import conftest
from jioc_process import start_ioc, stop_ioc

epics = pytest.importorskip("epics")
h5py = pytest.importorskip("h5py")
P = "jioc:hdf:"
PORT = conftest.SPARE_CA_PORTS[12]
W, H = 1024, 1024


def start(spool):
    env = {"EPICS_CA_SERVER_PORT": str(PORT), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1", "JIOC_HDF5_SPOOL": str(spool),
           "SIZE_X": str(W), "SIZE_Y": str(H)}
    return start_ioc(conftest.ROOT / "pv-definitions/test/hdf1.cmd", env, "hdf1-ioc.log",
                     ready=lambda: epics.caget(P + "HDF1:PluginType_RBV", timeout=1.0) is not None)


@pytest.fixture(scope="module")
def ioc(tmp_path_factory):
    """A holder: the kill -9 test replaces the IOC it holds."""
    spool = tmp_path_factory.mktemp("hdf1-spool")
    holder = {"spool": spool, "ioc": start(spool)}
    yield holder
    stop_ioc(holder["ioc"], signal.SIGTERM)


def put(name, value, timeout=10):
    assert epics.caput(P + name, value, wait=True, timeout=timeout) == 1, name


def get(name, **kw):
    v = epics.caget(P + name, timeout=5, **kw)
    assert v is not None, name
    return v


def text(name):
    return get(name, as_string=True)


def wait_for(name, pred, timeout=30.0, **kw):
    """Poll a PV until pred(value) holds; returns the value (fails with the last value seen)."""
    deadline = time.time() + timeout
    v = None
    while time.time() < deadline:
        v = epics.caget(P + name, timeout=5, **kw)
        if v is not None and pred(v):
            return v
        time.sleep(0.02)
    raise AssertionError(f"{name} = {v!r} after {timeout} s")


def setup_writer(path, name, mode="Stream", compression="None", num_capture=0, create_dir=0, frames_per_file=0):
    epics.caput(P + "HDF1:Capture", 0)
    wait_for("HDF1:Capture_RBV", lambda v: v == 0)
    put("HDF1:CreateDirectory", create_dir)
    put("HDF1:FilePath", str(path))
    put("HDF1:FileName", name)
    put("HDF1:FileTemplate", "%s%s_%6.6d.h5")
    put("HDF1:FileNumber", 0)
    put("HDF1:AutoIncrement", "Yes")
    put("HDF1:FileWriteMode", mode)
    put("HDF1:Compression", compression)
    put("HDF1:NumCapture", num_capture)
    put("HDF1:FramesPerFile", frames_per_file)
    put("HDF1:LazyOpen", "Yes")


def camera(images, period=0.005):
    put("cam1:SimMode", "LinearRamp")
    put("cam1:ImageMode", "Multiple")
    put("cam1:NumImages", images)
    put("cam1:AcquireTime", 0.001)
    put("cam1:AcquirePeriod", period)


def acquire():
    """One Acquire of NumImages frames, waited for on the frame counter (and image1 has the last frame); returns
    the last frame's UniqueId."""
    n = get("cam1:NumImages_RBV")
    before = get("cam1:ArrayCounter_RBV")
    put("cam1:Acquire", 1)
    wait_for("cam1:ArrayCounter_RBV", lambda v: v == before + n)
    wait_for("cam1:Acquire_RBV", lambda v: v == 0)
    uid = get("cam1:UniqueId_RBV")
    wait_for("image1:UniqueId_RBV", lambda v: v == uid)
    return uid


def capture_put():
    """Capture=1 with a put-callback; returns (event set when it completes, completion time holder)."""
    pv = epics.PV(P + "HDF1:Capture")
    assert pv.wait_for_connection(5)
    done = threading.Event()
    pv.put(1, use_complete=True, callback=lambda **kw: done.set())
    wait_for("HDF1:Capture_RBV", lambda v: v == 1)
    return done


def ids(path):
    with h5py.File(path, "r") as f:
        return list(f["/entry/instrument/NDAttributes/NDArrayUniqueId"][:])


def test_stream_lz4_frames_ids_and_data_match_the_camera(ioc, tmp_path):
    setup_writer(tmp_path, "stream", compression="LZ4", num_capture=15)
    camera(3)
    done = capture_put()
    expect_ids, expect_data = [], {}
    for _ in range(5):
        uid = acquire()
        expect_ids += [uid - 2, uid - 1, uid]
        data = np.asarray(get("image1:ArrayData", count=W * H), dtype=np.uint16)
        expect_data[uid] = data.reshape(H, W)
    assert done.wait(60), "the Capture put-callback did not complete"
    assert get("HDF1:NumCaptured_RBV") == 15
    assert text("HDF1:WriteStatus") == "Write OK", text("HDF1:WriteMessage")
    path = text("HDF1:FullFileName_RBV")
    assert path == str(tmp_path / "stream_000000.h5")
    assert get("HDF1:FileNumber_RBV") == 1
    with h5py.File(path, "r") as f:
        d = f["/entry/data/data"]
        assert d.shape == (15, H, W) and d.dtype == np.uint16
        assert d.id.get_create_plist().get_filter(0)[0] == 32004
        got = list(f["/entry/instrument/NDAttributes/NDArrayUniqueId"][:])
        assert got == expect_ids
        for uid, data in expect_data.items():
            np.testing.assert_array_equal(d[got.index(uid)], data)
        sec = f["/entry/instrument/NDAttributes/NDArrayEpicsTSSec"][:]
        assert np.all(np.diff(sec.astype(np.int64)) >= 0)
    dump = subprocess.run(["h5dump", "-H", "-p", path], capture_output=True, text=True)
    assert dump.returncode == 0 and "FILTER_ID 32004" in dump.stdout


def test_ophyd_file_store_hdf5_staging_sequence(ioc, tmp_path):
    """ophyd's FileStoreHDF5.stage by plain caput, in its order: Capture 0, FilePath (a new directory), FileName,
    FileNumber 0, then the stage_sigs (create_directory -3 ... capture 1 last); ophyd then requires
    FilePathExists_RBV = Yes and names the file template % (path, name, FileNumber - 1)."""
    write_path = tmp_path / "2026" / "11" / "21"
    put("HDF1:Capture", 0)
    put("HDF1:CreateDirectory", 0)
    put("HDF1:FilePath", str(write_path) + "/")
    put("HDF1:FileName", "uid-1234")
    put("HDF1:FileNumber", 0)
    wait_for("HDF1:FileNumber_RBV", lambda v: v == 0)
    for name, value in [("EnableCallbacks", 1), ("CreateDirectory", -3), ("AutoIncrement", "Yes"),
                        ("ArrayCounter", 0), ("AutoSave", "Yes"), ("NumCapture", 0),
                        ("FileTemplate", "%s%s_%6.6d.h5"), ("FileWriteMode", "Stream")]:
        put("HDF1:" + name, value)
    done = capture_put()
    assert text("HDF1:FilePathExists_RBV") == "Yes"
    number = get("HDF1:FileNumber_RBV") - 1
    fn = text("HDF1:FileTemplate_RBV") % (str(write_path) + "/", "uid-1234", number)
    camera(3)
    for _ in range(2):
        acquire()
    # HDF1 has its own queue (non-blocking callbacks): unstage only once it has every frame, as a plan waits on it.
    wait_for("HDF1:NumCaptured_RBV", lambda v: v == 6)
    epics.caput(P + "HDF1:Capture", 0)  # ophyd's unstage: a plain put (a put-callback would queue behind the 1's)
    assert done.wait(60)
    with h5py.File(fn, "r") as f:
        assert f["/entry/data/data"].shape == (6, H, W)
    assert get("HDF1:ArrayCounter_RBV") == 6


def test_capture_put_callback_completes_after_the_file_is_readable(ioc, tmp_path):
    setup_writer(tmp_path, "cb", num_capture=6)
    camera(6)
    done = capture_put()
    acquire()
    assert done.wait(60)
    # The moment the put-callback completes the file is complete on disk, with every frame.
    path = tmp_path / "cb_000000.h5"
    assert len(ids(path)) == 6
    assert get("HDF1:Capture_RBV") == 0
    assert not any(p.name.endswith(".spool") for p in ioc["spool"].iterdir()), "the spool is deleted once written"


def test_capture_0_writes_the_file_without_holding_up_channel_access(ioc, tmp_path):
    """Capture=0 of an unlimited Stream capture (a plain put, as ophyd's unstage does: a put-callback would wait
    behind the pending one of Capture=1, as dbNotify makes it) writes the file on its own thread, as asyn runs a
    blocking port's write: the client's other requests are answered meanwhile, and Capture=1's put-callback
    completes once the file is whole."""
    setup_writer(tmp_path, "stop", num_capture=0)
    camera(60, period=0)
    started = capture_put()
    acquire()
    wait_for("HDF1:NumCaptured_RBV", lambda v: v == 60)
    t_put = time.time()
    assert epics.caput(P + "HDF1:Capture", 0) == 1
    answered_while_writing = 0
    deadline = time.time() + 120
    while not started.is_set() and time.time() < deadline:
        t0 = time.time()
        assert get("cam1:ArrayCounter_RBV", use_monitor=False) is not None
        assert time.time() - t0 < 0.5, "a get waited for the file to be written"
        answered_while_writing += 1
        time.sleep(0.01)
    assert started.is_set(), "Capture=1's put-callback did not complete"
    assert answered_while_writing > 1, f"the file took {time.time() - t_put:.2f} s: too quick to tell"
    assert len(ids(tmp_path / "stop_000000.h5")) == 60
    assert get("HDF1:Capture_RBV") == 0


def test_rollover_is_visible_in_the_pvs(ioc, tmp_path):
    setup_writer(tmp_path, "roll", num_capture=10, frames_per_file=4)
    camera(10)
    done = capture_put()
    acquire()
    assert done.wait(60)
    files = [tmp_path / f"roll_{k:06d}.h5" for k in range(3)]
    assert [len(ids(f)) for f in files] == [4, 4, 2]
    all_ids = ids(files[0]) + ids(files[1]) + ids(files[2])
    assert all_ids == list(range(all_ids[0], all_ids[0] + 10))
    assert text("HDF1:FullFileName_RBV") == str(files[2])
    assert get("HDF1:FileNumber_RBV") == 3
    assert "rolled over to " + str(files[2]) in text("HDF1:WriteMessage")
    assert text("HDF1:WriteStatus") == "Write OK"


def test_create_directory_minus_3_creates_the_path(ioc, tmp_path):
    put("HDF1:CreateDirectory", -1)
    put("HDF1:FilePath", str(tmp_path / "x" / "y"))
    assert text("HDF1:FilePathExists_RBV") == "No", "-1 creates only the last component"
    assert not (tmp_path / "x").exists()
    put("HDF1:CreateDirectory", -3)
    put("HDF1:FilePath", str(tmp_path / "a" / "b" / "c"))
    assert text("HDF1:FilePathExists_RBV") == "Yes"
    assert (tmp_path / "a" / "b" / "c").is_dir()
    assert text("HDF1:FilePath_RBV") == str(tmp_path / "a" / "b" / "c") + "/"


def test_missing_file_path_is_a_write_error_and_loses_no_frame(ioc, tmp_path):
    missing = tmp_path / "not" / "there"
    setup_writer(missing, "lost", num_capture=4, create_dir=0)
    assert text("HDF1:FilePathExists_RBV") == "No"
    camera(4)
    done = capture_put()
    uid = acquire()
    assert done.wait(60), "the capture ends even though its file cannot be written"
    assert text("HDF1:WriteStatus") == "Write error"
    msg = text("HDF1:WriteMessage")
    assert str(missing) in msg and "does not exist" in msg and "kept in spool" in msg, msg
    spools = [p for p in ioc["spool"].iterdir() if p.name.endswith(".spool")]
    assert len(spools) == 1, "the frames wait in the spool"
    # The user's way to the frames: a usable FilePath, then WriteFile=1.
    put("HDF1:CreateDirectory", -2)
    put("HDF1:FilePath", str(missing))
    assert text("HDF1:FilePathExists_RBV") == "Yes"
    put("HDF1:WriteFile", 1, timeout=60)
    assert ids(missing / "lost_000000.h5") == [uid - 3, uid - 2, uid - 1, uid]
    assert text("HDF1:WriteStatus") == "Write OK"
    assert not any(p.name.endswith(".spool") for p in ioc["spool"].iterdir())


def test_capture_in_single_mode_is_refused(ioc, tmp_path):
    setup_writer(tmp_path, "single", mode="Single")
    put("HDF1:AutoSave", "No")
    epics.caput(P + "HDF1:Capture", 1, wait=True, timeout=10)  # refused: the put-callback still completes
    assert get("HDF1:Capture_RBV") == 0
    assert text("HDF1:WriteStatus") == "Write error"
    assert "Single" in text("HDF1:WriteMessage")
    camera(1)
    uid = acquire()
    wait_for("HDF1:UniqueId_RBV", lambda v: v == uid)
    put("HDF1:WriteFile", 1, timeout=60)
    assert ids(tmp_path / "single_000000.h5") == [uid]
    assert text("HDF1:WriteStatus") == "Write OK"


def test_kill_9_while_capturing_loses_no_acquired_frame(ioc, tmp_path):
    """200 frames of 1024x1024 UInt16 streamed; kill -9 once 40 are acquired (synced); after restart, recovery has
    put every acquired frame into a valid HDF5 file."""
    setup_writer(tmp_path, "killed", num_capture=200)
    put("HDF1:NumFramesFlush", 4)
    camera(200, period=0.01)
    capture_put()
    epics.caput(P + "cam1:Acquire", 1)
    acquired = wait_for("HDF1:NumCaptured_RBV", lambda v: v >= 40, timeout=60)
    os.kill(ioc["ioc"].pid, signal.SIGKILL)
    ioc["ioc"].proc.wait(10)
    assert any(p.name.endswith(".spool") for p in ioc["spool"].iterdir()), "the kill left a spool"
    ioc["ioc"] = start(ioc["spool"])
    path = tmp_path / "killed_000000.h5"
    assert path.exists(), ioc["ioc"].log_text()
    got = ids(path)
    assert len(got) >= acquired, (len(got), acquired)
    print(f"kill -9 after {acquired} acquired frames: {len(got)} frames recovered")
    assert got == list(range(got[0], got[0] + len(got)))
    with h5py.File(path, "r") as f:
        assert f["/entry/data/data"].shape == (len(got), H, W)
    dump = subprocess.run(["h5dump", "-d", "/entry/instrument/NDAttributes/NDArrayUniqueId", str(path)],
                          capture_output=True, text=True)
    assert dump.returncode == 0, dump.stderr
    assert f"SIMPLE {{ ( {len(got)} ) / ( {len(got)} ) }}" in dump.stdout, dump.stdout[:500]
    assert "recovered" in ioc["ioc"].log_text()
    assert f"recovered {len(got)} frames" in text("HDF1:WriteMessage")
    assert not any(p.name.endswith(".spool") for p in ioc["spool"].iterdir())
    shutil.rmtree(tmp_path, ignore_errors=True)
    # The restarted IOC has seen no frame: without LazyOpen a capture is refused (areaDetector's "unprimed").
    setup_writer(tmp_path, "unprimed", num_capture=1)
    put("HDF1:LazyOpen", "No")
    epics.caput(P + "HDF1:Capture", 1, wait=True, timeout=10)
    assert get("HDF1:Capture_RBV") == 0
    assert "no frame received yet" in text("HDF1:WriteMessage")
