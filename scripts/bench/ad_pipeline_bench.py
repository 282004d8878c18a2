"""Benchmark of the area detector pipeline in a running IOC (see scripts/bench-ad): N frames of 1024x1024 UInt16
from the simulated camera through ROI1 (whole frame) -> Stats1 and ROI1 -> HDF1 (Stream capture), uncompressed and
LZ4, with the plugins on the camera's thread (blocking callbacks: no frame can be dropped) and on their own threads
(queues of 20: frames are dropped if a plugin falls behind, and counted). The disk's own write speed is measured by
the same script in the same directory; the camera alone (plugins off) is the ceiling."""
import argparse
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
sys.path.insert(0, str(ROOT / "scripts" / "bench"))
import epics  # noqa: E402
from hdf5_bench import disk_write, FRAME  # noqa: E402
from jioc_process import free_port, start_ioc, stop_ioc  # noqa: E402

P = "jioc:bench:"
PLUGINS = ("ROI1:", "Stats1:", "HDF1:")


def put(name, value, timeout=60):
    if epics.caput(P + name, value, wait=True, timeout=timeout) != 1:
        raise RuntimeError("put " + name)


def get(name):
    v = epics.caget(P + name, timeout=5, use_monitor=False)
    if v is None:
        raise RuntimeError("get " + name)
    return v


def wait_for(name, pred, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = epics.caget(P + name, timeout=5, use_monitor=False)
        if v is not None and pred(v):
            return time.perf_counter()
        time.sleep(0.005)
    raise RuntimeError(f"{name} timed out")


def camera(frames):
    put("cam1:SimMode", "LinearRamp")
    put("cam1:ImageMode", "Multiple")
    put("cam1:NumImages", frames)
    put("cam1:AcquireTime", 0)
    put("cam1:AcquirePeriod", 0)


def plugins(enabled, blocking):
    for p in PLUGINS:
        put(p + "EnableCallbacks", "Enable" if enabled else "Disable")
        put(p + "BlockingCallbacks", "Yes" if blocking else "No")
        put(p + "DroppedArrays", 0)


def camera_alone(frames):
    plugins(False, False)
    camera(frames)
    t0 = time.perf_counter()
    put("cam1:Acquire", 1)
    return time.perf_counter() - t0


def pipeline(frames, compression, blocking, out):
    plugins(True, blocking)
    put("Stats1:ComputeStatistics", "Yes")
    put("HDF1:FilePath", str(out))
    put("HDF1:FileName", f"bench_{compression}_{'blocking' if blocking else 'queued'}")
    put("HDF1:FileWriteMode", "Stream")
    put("HDF1:Compression", compression)
    put("HDF1:NumCapture", frames)
    put("HDF1:LazyOpen", "Yes")
    camera(frames)
    stats_before = get("Stats1:ArrayCounter_RBV")
    pv = epics.PV(P + "HDF1:Capture")
    pv.wait_for_connection(5)
    done = threading.Event()
    pv.put(1, use_complete=True, callback=lambda **kw: done.set())
    wait_for("HDF1:Capture_RBV", lambda v: v == 1)
    t0 = time.perf_counter()
    put("cam1:Acquire", 1, timeout=600)
    t_cam = time.perf_counter()
    dropped = sum(get(p + "DroppedArrays_RBV") for p in PLUGINS)
    if dropped:  # a queued plugin fell behind: the capture never reaches NumCapture. A plain put: a put-callback
        # would wait behind Capture=1's (dbNotify)
        epics.caput(P + "HDF1:Capture", 0)
    else:
        wait_for("HDF1:NumCaptured_RBV", lambda v: v >= frames)
    t_in = time.perf_counter()
    if not done.wait(600):
        raise RuntimeError("capture did not complete")
    t_file = time.perf_counter()
    wait_for("Stats1:ArrayCounter_RBV", lambda v: v >= stats_before + frames - dropped, 60)
    return t_cam - t0, t_in - t0, t_file - t0, dropped, get("HDF1:NumCaptured_RBV")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--dir", default=None, help="where files and the spool go (default: under ioc/target)")
    a = ap.parse_args()
    base = a.dir or str(ROOT / "ioc" / "target")
    gb = a.frames * FRAME / 1e9
    with tempfile.TemporaryDirectory(dir=base, prefix="bench-ad-") as d:
        spool, out = Path(d) / "spool", Path(d) / "out"
        spool.mkdir()
        out.mkdir()
        disk = disk_write(d, a.frames, 16)
        port = free_port()
        os.environ.update(EPICS_CA_ADDR_LIST=f"127.0.0.1:{port}", EPICS_CA_AUTO_ADDR_LIST="NO")
        env = {"EPICS_CA_SERVER_PORT": str(port), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1",
               "JIOC_HDF5_SPOOL": str(spool)}
        ioc = start_ioc(ROOT / "pv-definitions/test/ad-pipeline.cmd", env, "bench-ad-ioc.log",
                        ready=lambda: epics.caget(P + "HDF1:PluginType_RBV", timeout=1.0) is not None)
        try:
            print(f"{a.frames} frames of 1024x1024 UInt16 ({gb:.3f} GB) through SIM1 -> ROI1 -> Stats1 + HDF1 "
                  f"(Stream) in {d}; {os.cpu_count()} cpus")
            print(f"disk (same writes, sync every 16)      : {a.frames / disk:7.1f} frames/s {gb / disk:6.3f} GB/s")
            cam = camera_alone(a.frames)
            print(f"camera alone (plugins off)             : {a.frames / cam:7.1f} frames/s {gb / cam:6.3f} GB/s")
            for blocking in (True, False):
                for comp in ("None", "LZ4"):
                    t_cam, t_in, t_file, dropped, captured = pipeline(a.frames, comp, blocking, out)
                    how = f"{comp:4s} {'blocking' if blocking else 'queued  '}"
                    print(f"{how} camera with plugins       : {a.frames / t_cam:7.1f} frames/s   dropped {dropped}")
                    print(f"{how} into ROI+Stats+spool      : {captured / t_in:7.1f} frames/s {captured * FRAME / 1e9 / t_in:6.3f} GB/s")
                    print(f"{how} until the file is written : {captured / t_file:7.1f} frames/s "
                          f"{captured * FRAME / 1e9 / t_file:6.3f} GB/s = {disk / t_file * captured / a.frames:4.2f} x disk")
        finally:
            stop_ioc(ioc, signal.SIGTERM)


if __name__ == "__main__":
    main()
