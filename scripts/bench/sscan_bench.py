"""sscan benchmark driver: see scripts/bench-sscan. Starts jioc itself on free ports, ends it by PID."""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
from jioc_process import free_port, start_ioc, stop_ioc  # noqa: E402

PORT = free_port()
os.environ.update(EPICS_CA_SERVER_PORT=str(PORT), EPICS_CA_ADDR_LIST="127.0.0.1", EPICS_CA_AUTO_ADDR_LIST="NO")
from epics import caget, caput  # noqa: E402

DB = """
record(ao, "bench:x") { field(FLNK, "bench:d1") }
record(ao, "bench:y") { field(FLNK, "bench:d1") }
record(calc, "bench:d1") { field(INPA, "bench:x") field(INPB, "bench:y") field(CALC, "A+B") field(FLNK, "bench:d2") }
record(calc, "bench:d2") { field(INPA, "bench:x") field(CALC, "A*A") field(FLNK, "bench:d3") }
record(calc, "bench:d3") { field(INPA, "bench:x") field(CALC, "SIN(A)") field(FLNK, "bench:d4") }
record(calc, "bench:d4") { field(INPA, "bench:y") field(CALC, "A*2") }
"""


def write_ioc(d: Path, n1: int, n2: int) -> Path:
    (d / "bench.db").write_text(DB)
    st = [f'dbLoadRecords("{d / "bench.db"}")',
          f'dbLoadRecords("{ROOT / "db-templates" / "standardScans.db"}", "P=bench:,MAXPTS1={n1},MAXPTS2={n2}")',
          "iocInit"]
    (d / "st.cmd").write_text("\n".join(st) + "\n")
    return d / "st.cmd"


def put(name, value):
    assert caput(name, value, wait=True, timeout=10) == 1, name


def setup(scan, pos, n):
    put(scan + ".P1PV", pos)
    put(scan + ".NPTS", n)
    put(scan + ".P1SP", 0)
    put(scan + ".P1EP", n - 1)


def timed_scan(scan, timeout):
    t0 = time.perf_counter()
    assert caput(scan + ".EXSC", 1, wait=True, timeout=timeout) == 1
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--points", type=int, default=10000, help="1-D points (default 10000)")
    ap.add_argument("--grid", type=int, default=100, help="2-D grid side (default 100: 100x100)")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        st = write_ioc(Path(tmp), max(a.points, a.grid), a.grid)
        ioc = start_ioc(st, {"EPICS_CA_SERVER_PORT": str(PORT), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1"},
                        "bench-sscan", ready=lambda: caget("bench:scan1.MPTS", timeout=1) is not None)
        try:
            setup("bench:scan1", "bench:x", a.points)
            for i in range(4):
                put(f"bench:scan1.D{i + 1:02d}PV", f"bench:d{i + 1}")
            best = min(timed_scan("bench:scan1", 600) for _ in range(a.repeat))
            assert caget("bench:scan1.CPT") == a.points
            print(f"1-D {a.points} points, instant positioner (ao), 4 soft detectors: "
                  f"{best:.3f} s, {a.points / best:,.0f} points/s (best of {a.repeat})")
            setup("bench:scan1", "bench:x", a.grid)
            setup("bench:scan2", "bench:y", a.grid)
            put("bench:scan2.D01PV", "bench:d4")
            best = min(timed_scan("bench:scan2", 600) for _ in range(a.repeat))
            n = a.grid * a.grid
            print(f"2-D {a.grid}x{a.grid} (scan2 triggers scan1), same positioners and detectors: "
                  f"{best:.3f} s, {n / best:,.0f} points/s (best of {a.repeat})")
        finally:
            stop_ioc(ioc)


if __name__ == "__main__":
    main()
