"""Benchmark of the HDF1 plugin in a running IOC (see scripts/bench-hdf1): a Stream capture of N frames of
1024x1024 UInt16 from the simulated camera at full speed, uncompressed and LZ4. Reports the camera's rate, the rate
frames reach the spool (NumCaptured_RBV), how long the file takes after the last frame, the end-to-end rate (Capture=1
to its put-callback), dropped frames, and the disk's own write speed measured the same way as scripts/bench-hdf5."""
import argparse
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

P = "jioc:hdf:"


def put(name, value):
    if epics.caput(P + name, value, wait=True, timeout=30) != 1:
        raise RuntimeError("put " + name)


def wait_for(name, pred, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = epics.caget(P + name, timeout=5)
        if v is not None and pred(v):
            return time.perf_counter()
        time.sleep(0.005)
    raise RuntimeError(f"{name} timed out")


def run(frames, compression, out):
    put("HDF1:FilePath", str(out))
    put("HDF1:FileName", "bench_" + compression)
    put("HDF1:FileWriteMode", "Stream")
    put("HDF1:Compression", compression)
    put("HDF1:NumCapture", frames)
    put("HDF1:LazyOpen", "Yes")
    put("HDF1:DroppedArrays", 0)
    put("cam1:ImageMode", "Multiple")
    put("cam1:NumImages", frames)
    put("cam1:AcquireTime", 0)
    put("cam1:AcquirePeriod", 0)
    before = epics.caget(P + "cam1:ArrayCounter_RBV")
    pv = epics.PV(P + "HDF1:Capture")
    pv.wait_for_connection(5)
    done = threading.Event()
    t0 = time.perf_counter()
    pv.put(1, use_complete=True, callback=lambda **kw: done.set())
    wait_for("HDF1:Capture_RBV", lambda v: v == 1)
    t_start = time.perf_counter()
    epics.caput(P + "cam1:Acquire", 1)
    t_cam = wait_for("cam1:ArrayCounter_RBV", lambda v: v >= before + frames)
    t_spooled = wait_for("HDF1:NumCaptured_RBV", lambda v: v >= frames)
    if not done.wait(600):
        raise RuntimeError("capture did not complete")
    t_done = time.perf_counter()
    dropped = epics.caget(P + "HDF1:DroppedArrays_RBV")
    return t_cam - t_start, t_spooled - t_start, t_done - t_spooled, t_done - t0, dropped


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--dir", default=None, help="where files and the spool go (default: under ioc/target)")
    a = ap.parse_args()
    base = a.dir or str(ROOT / "ioc" / "target")
    gb = a.frames * FRAME / 1e9
    with tempfile.TemporaryDirectory(dir=base, prefix="bench-hdf1-") as d:
        spool, out = Path(d) / "spool", Path(d) / "out"
        spool.mkdir()
        out.mkdir()
        disk = disk_write(d, a.frames, 16)
        port = free_port()
        env = {"EPICS_CA_SERVER_PORT": str(port), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1",
               "JIOC_HDF5_SPOOL": str(spool), "SIZE_X": "1024", "SIZE_Y": "1024"}
        import os
        os.environ["EPICS_CA_ADDR_LIST"] = f"127.0.0.1:{port}"
        os.environ["EPICS_CA_AUTO_ADDR_LIST"] = "NO"
        ioc = start_ioc(ROOT / "pv-definitions/test/hdf1.cmd", env, "bench-hdf1-ioc.log",
                        ready=lambda: epics.caget(P + "HDF1:PluginType_RBV", timeout=1.0) is not None)
        try:
            print(f"{a.frames} frames of 1024x1024 UInt16 ({gb:.3f} GB) through SIM1 -> HDF1 (Stream) in {d}")
            print(f"disk (same writes, sync every 16): {a.frames / disk:7.1f} frames/s {gb / disk:6.3f} GB/s")
            for comp in ("None", "LZ4"):
                cam, spooled, finalise, total, dropped = run(a.frames, comp, out)
                print(f"{comp:4s} camera                     : {a.frames / cam:7.1f} frames/s")
                print(f"{comp:4s} into the spool (acquired)  : {a.frames / spooled:7.1f} frames/s {gb / spooled:6.3f} GB/s"
                      f"  dropped {dropped}")
                print(f"{comp:4s} file written after the last: {finalise:7.2f} s")
                print(f"{comp:4s} Capture=1 to put-callback  : {a.frames / total:7.1f} frames/s {gb / total:6.3f} GB/s"
                      f"  = {disk / total:4.2f} x disk")
        finally:
            stop_ioc(ioc, signal.SIGTERM)


if __name__ == "__main__":
    main()
