"""Benchmark of the HDF5 capture spool: see scripts/bench-hdf5. Frames come from SpoolTool's "noisy" pattern (a ramp
plus 6 bits of noise: compresses about like a real detector image, not like zeros)."""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
W = H = 1024
FRAME = W * H * 2


def disk_write(dirpath, frames, sync_every):
    """frames x 2 MiB of random bytes with os.write, fdatasync every sync_every frames and at the end: the spool's
    write and sync pattern without its records."""
    buf = os.urandom(FRAME)
    path = Path(dirpath) / "disk.bin"
    t0 = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for i in range(frames):
            os.write(fd, buf)
            if (i + 1) % sync_every == 0 or i + 1 == frames:
                os.fdatasync(fd)
    finally:
        os.close(fd)
    dt = time.perf_counter() - t0
    path.unlink()
    return dt


def capture(dirpath, frames, compression, sync_every):
    spool, out = Path(dirpath) / "spool", Path(dirpath) / "out"
    spool.mkdir(exist_ok=True)
    out.mkdir(exist_ok=True)
    cp = f"{ROOT / 'ioc/target/classes'}:{ROOT / 'ioc/target/lib'}/*"
    p = subprocess.run(["java", "-Xmx3g", "-cp", cp, "org.jioc.areadetector.hdf5.SpoolTool", "capture", str(spool),
                        str(out), str(frames), str(W), str(H), compression, "--pattern", "noisy",
                        "--sync-every", str(sync_every)],
                       capture_output=True, text=True, check=True)
    timing = [line for line in p.stdout.splitlines() if line.startswith("timing ")][0].split()
    files = [line for line in p.stdout.splitlines() if line.startswith("file ")]
    shutil.rmtree(out)
    return float(timing[1]), float(timing[2]), int(timing[3]), len(files)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--dir", default=None, help="where to write (default: a temporary directory under ioc/target)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sync-every", type=int, default=1, help="spool sync policy: every N frames (default 1)")
    a = ap.parse_args()
    base = a.dir or str(ROOT / "ioc" / "target")
    gb = a.frames * FRAME / 1e9
    print(f"{a.frames} frames of {W}x{H} UInt16 ({gb:.3f} GB raw) in {base}; spool synced every {a.sync_every} "
          f"frame(s); median of {a.repeat} runs")
    with tempfile.TemporaryDirectory(dir=base, prefix="bench-hdf5-") as d:
        disk = statistics.median(disk_write(d, a.frames, a.sync_every) for _ in range(a.repeat))
        print(f"disk (same writes and syncs)     : {a.frames / disk:8.1f} frames/s {gb / disk:6.3f} GB/s")
        for comp in ("None", "LZ4"):
            runs = [capture(d, a.frames, comp, a.sync_every) for _ in range(a.repeat)]
            sp = statistics.median(r[0] for r in runs)
            fi = statistics.median(r[1] for r in runs)
            size = runs[0][2]
            nfiles = runs[0][3]
            print(f"{comp:4s} spool (acquire)             : {a.frames / sp:8.1f} frames/s {gb / sp:6.3f} GB/s"
                  f"  = {disk / sp:5.2f} x disk")
            print(f"{comp:4s} finalise to HDF5 (jHDF)     : {a.frames / fi:8.1f} frames/s {gb / fi:6.3f} GB/s"
                  f"  ({nfiles} file(s), {size / 1e9:.3f} GB on disk, ratio {a.frames * FRAME / size:.2f}:1)")
            tot = sp + fi
            print(f"{comp:4s} spool + finalise            : {a.frames / tot:8.1f} frames/s {gb / tot:6.3f} GB/s"
                  f"  = {disk / tot:5.2f} x disk")


if __name__ == "__main__":
    main()
