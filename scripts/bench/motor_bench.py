"""Motor benchmark driver: see scripts/bench-motor. Starts jioc itself on free ports, ends it by PID."""
import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
from jioc_process import free_port, start_ioc, stop_ioc  # noqa: E402

PORT = free_port()
os.environ.update(EPICS_CA_SERVER_PORT=str(PORT), EPICS_CA_ADDR_LIST="127.0.0.1", EPICS_CA_AUTO_ADDR_LIST="NO")
from epics import PV, caget, caput  # noqa: E402

TEMPLATE = ROOT / "db-templates" / "motor.template"


def write_ioc(d: Path, motors: int) -> Path:
    """One controller: axis 0 an instant motor (constant 1 km/s), axes 1..N slow motors (1 mm/s)."""
    lines = [f'motorSimCreateController("BENCH", {motors + 1})',
             'motorSimConfigAxis("BENCH", 0, 1000000000, -1000000000, 0, 0)']
    lines += [f'motorSimConfigAxis("BENCH", {i}, 1000000000, -1000000000, 0, 0)' for i in range(1, motors + 1)]
    lines.append(f'dbLoadRecords("{TEMPLATE}", "P=bench:,M=fast,PORT=BENCH,ADDR=0,MRES=0.001,EGU=mm,'
                 'VELO=1000000,VBAS=1000000,DHLM=0,DLLM=0")')
    for i in range(1, motors + 1):
        lines.append(f'dbLoadRecords("{TEMPLATE}", "P=bench:,M=m{i},PORT=BENCH,ADDR={i},MRES=0.001,EGU=mm,'
                     'VELO=1,DHLM=0,DLLM=0")')
    lines.append("iocInit")
    (d / "st.cmd").write_text("\n".join(lines) + "\n")
    return d / "st.cmd"


def cpu_seconds(pid):
    """utime + stime of the process, seconds."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_put_callback_moves(seconds):
    """Sequential put-callbacks to VAL of the instant motor: each returns at DMOV=1."""
    name = "bench:fast"
    assert caput(name, 0, wait=True, timeout=10) == 1
    n, t0, target = 0, time.time(), 0.0
    while time.time() - t0 < seconds:
        target = 1.0 if target == 0.0 else 0.0
        if caput(name, target, wait=True, timeout=10) != 1:
            raise SystemExit("put-callback failed")
        n += 1
    elapsed = time.time() - t0
    assert abs(caget(name + ".RBV") - target) < 1e-9
    return n / elapsed


def measure_cpu(pid, seconds):
    c0, t0 = cpu_seconds(pid), time.time()
    time.sleep(seconds)
    return (cpu_seconds(pid) - c0) / (time.time() - t0) * 100


def bench_moving_motors(pid, motors, seconds):
    """CPU with every slow motor standing, then moving (readback updates at 10 Hz), and the RBV updates a client
    subscribed to all of them receives."""
    count = [0]
    lock = threading.Lock()

    def cb(**_):
        with lock:
            count[0] += 1

    pvs = [PV(f"bench:m{i}.RBV", callback=cb, auto_monitor=True) for i in range(1, motors + 1)]
    for p in pvs:
        assert p.wait_for_connection(10), p.pvname
    time.sleep(1)
    idle = measure_cpu(pid, seconds)
    for i in range(1, motors + 1):
        caput(f"bench:m{i}", 100000.0)  # 1 mm/s: moving for the whole measurement
    time.sleep(1)
    with lock:
        count[0] = 0
    t0 = time.time()
    moving = measure_cpu(pid, seconds)
    with lock:
        updates = count[0] / (time.time() - t0)
    for i in range(1, motors + 1):
        caput(f"bench:m{i}.STOP", 1)
    return idle, moving, updates


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--motors", type=int, default=50)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        st = write_ioc(Path(d), a.motors)
        ioc = start_ioc(st, {"EPICS_CA_SERVER_PORT": str(PORT), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1"},
                        "bench-motor.log", ready=lambda: caget("bench:fast.RTYP", timeout=1.0) is not None)
        try:
            rate = bench_put_callback_moves(a.seconds)
            idle, moving, updates = bench_moving_motors(ioc.pid, a.motors, a.seconds)
            rss = rss_mib(ioc.pid)
        finally:
            stop_ioc(ioc)
    print(f"{'put-callback moves/s, instant motor (caput -c VAL, sequential)':62s} {rate:10.0f}")
    print(f"{'  mean round trip per move, ms':62s} {1000 / rate:10.2f}")
    print(f"{'IOC CPU, %d motors standing, %% of one core' % a.motors:62s} {idle:10.1f}")
    print(f"{'IOC CPU, %d motors moving (RBV at 10 Hz), %% of one core' % a.motors:62s} {moving:10.1f}")
    print(f"{'  RBV updates/s received by one client (expect %d)' % (a.motors * 10):62s} {updates:10.0f}")
    print(f"{'IOC RSS after the run, MiB':62s} {rss:10.0f}")


if __name__ == "__main__":
    main()
