"""CA benchmark driver: see scripts/bench-ca. Starts jioc itself, ends it by PID."""
import argparse
import ctypes
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
from jioc_process import free_port  # noqa: E402  (one definition of a port free for TCP and UDP)


PORT = free_port()
os.environ.update(EPICS_CA_SERVER_PORT=str(PORT), EPICS_CA_MAX_ARRAY_BYTES="100000000",
                  EPICS_CA_ADDR_LIST="127.0.0.1", EPICS_CA_AUTO_ADDR_LIST="NO")
import numpy as np  # noqa: E402
from epics import ca, dbr  # noqa: E402

N_TICK = 1000


def write_bench_ioc(d: Path):
    db = [
        'record(ao, "bench:ao") { field(PREC, "3") field(FLNK, "bench:puts") }',
        'record(calc, "bench:puts") { field(CALC, "A+1") field(INPA, "bench:puts NPP") }',
        'record(waveform, "bench:short1M") { field(FTVL, "SHORT") field(NELM, "1000000") }',
    ]
    for i in range(N_TICK):
        db.append(f'record(calc, "bench:tick{i}") {{ field(SCAN, ".1 second") field(CALC, "A+1") '
                  f'field(INPA, "bench:tick{i} NPP") }}')
    (d / "bench.db").write_text("\n".join(db) + "\n")
    (d / "st.cmd").write_text('dbLoadRecords("bench.db")\niocInit\n')
    return d / "st.cmd"


def start_ioc(startup: Path, log: Path, port=PORT):
    env = dict(os.environ, EPICS_CA_SERVER_PORT=str(port))
    t0 = time.time()
    proc = subprocess.Popen(["java", "-Xmx8g", f"-Djioc.home={ROOT}", "-jar", str(ROOT / "ioc/target/jioc.jar"),
                             "--headless", str(startup)], stdout=open(log, "w"), stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, env=env)
    while True:
        if proc.poll() is not None:
            sys.exit("jioc exited:\n" + log.read_text())
        if "iocRun: All initialization complete" in log.read_text():
            return proc, time.time() - t0
        time.sleep(0.02)


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return float("nan")


def connect(name):
    chid = ca.create_channel(name, connect=True)
    assert ca.connect_channel(chid, timeout=10), name
    return chid


def bench_gets(seconds):
    chid = connect("bench:ao")
    n, t0 = 0, time.time()
    while time.time() - t0 < seconds:
        ca.get(chid)
        n += 1
    sync = n / (time.time() - t0)
    # pipelined: many ca_array_get requests, one ca_pend_io (libca through ctypes)
    libca = ca.initialize_libca()
    buf = (ctypes.c_double * 1)()
    batch, total, t0 = 2000, 0, time.time()
    while time.time() - t0 < seconds:
        for _ in range(batch):
            libca.ca_array_get(dbr.DOUBLE, 1, chid, ctypes.byref(buf))
        libca.ca_pend_io(ctypes.c_double(30.0))
        total += batch
    piped = total / (time.time() - t0)
    return sync, piped


def bench_puts(seconds):
    chid = connect("bench:ao")
    libca = ca.initialize_libca()
    val = ctypes.c_double(0)
    batch, total, t0 = 2000, 0, time.time()
    while time.time() - t0 < seconds:
        for i in range(batch):
            val.value = i
            libca.ca_array_put(dbr.DOUBLE, 1, chid, ctypes.byref(val))
        libca.ca_pend_io(ctypes.c_double(30.0))
        total += batch
    ca.get(chid)  # round trip: every put before it has been processed
    rate = total / (time.time() - t0)
    processed = ca.get(connect("bench:puts"))
    return rate, total, processed


MONITOR_CLIENT = r'''
import os, sys, time
from epics import ca
names = [f"bench:tick{i}" for i in range(int(sys.argv[1]))]
count = [0]
def cb(**kw):
    count[0] += 1
chids = [ca.create_channel(n, connect=False) for n in names]
for c in chids: ca.connect_channel(c, timeout=20)
subs = [ca.create_subscription(c, callback=cb) for c in chids]
time.sleep(2.0); ca.poll()
count[0] = 0
t0 = time.time()
while time.time() - t0 < float(sys.argv[2]):
    ca.poll(evt=0.01)
print(count[0] / (time.time() - t0))
'''


def monitor_client_command():
    """The C libca client when it can be built (Python callbacks cannot take 10 x 10k events/s on 2 cores)."""
    exe = ROOT / "build" / "bench" / "ca_monitor_client"
    src = ROOT / "scripts" / "bench" / "ca_monitor_client.c"
    libca = os.environ.get("PYEPICS_LIBCA", "")
    exe.parent.mkdir(parents=True, exist_ok=True)
    if libca and subprocess.run(["gcc", "-O2", "-o", str(exe), str(src), libca], capture_output=True).returncode == 0:
        return [str(exe)], "C libca"
    return [sys.executable, "-c", MONITOR_CLIENT], "pyepics"


def bench_monitors(clients, seconds):
    cmd, kind = monitor_client_command()
    print(f"monitor clients: {kind}", file=sys.stderr)
    procs = [subprocess.Popen(cmd + [str(N_TICK), str(seconds)],
                              stdout=subprocess.PIPE, text=True, env=os.environ) for _ in range(clients)]
    rates = [float(p.communicate()[0].strip() or 0) for p in procs]
    return sum(rates), rates


def bench_big_get(repeats):
    chid = connect("bench:short1M")
    ca.put(chid, (np.arange(1_000_000) % 30000).astype(np.int16), wait=True)
    ca.get(chid)
    times = []
    for _ in range(repeats):
        t0 = time.time()
        v = ca.get(chid)
        times.append(time.time() - t0)
        assert len(v) == 1_000_000
    return min(times), sum(times) / len(times)


def bench_load(n):
    d = Path(tempfile.mkdtemp(prefix="jioc-bench-"))
    with open(d / "big.db", "w") as f:
        for i in range(n):
            f.write(f'record(ai, "load:r{i}") {{ field(DESC, "record {i}") field(EGU, "mm") '
                    f'field(HOPR, "10") field(INP, "{i}") }}\n')
    (d / "st.cmd").write_text('dbLoadRecords("big.db")\niocInit\n')
    proc, secs = start_ioc(d / "st.cmd", d / "ioc.log", port=free_port())
    time.sleep(1)
    rss = rss_mib(proc.pid)
    stop(proc)
    return secs, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--load-records", type=int, default=100_000)
    a = ap.parse_args()
    d = Path(tempfile.mkdtemp(prefix="jioc-bench-"))
    proc, _ = start_ioc(write_bench_ioc(d), d / "ioc.log")
    try:
        sync, piped = bench_gets(a.seconds)
        puts, sent, processed = bench_puts(a.seconds)
        mon_total, mon_each = bench_monitors(a.clients, a.seconds * 2)
        big_min, big_avg = bench_big_get(10)
    finally:
        stop(proc)
    load_s, load_rss = bench_load(a.load_records)
    print(f"{'CA gets/s, one channel, synchronous':55s} {sync:12.0f}")
    print(f"{'CA gets/s, one channel, pipelined':55s} {piped:12.0f}")
    print(f"{'CA puts/s, one channel, pipelined':55s} {puts:12.0f}")
    print(f"{'  puts sent / records processed by them':55s} {sent:>8d} / {processed:.0f}")
    print(f"{'monitor updates/s, %d PVs @10 Hz to %d clients (expect %d)' % (N_TICK, a.clients, N_TICK * 10 * a.clients):55s} {mon_total:12.0f}")
    print(f"{'get of 1M-element SHORT waveform, ms (min / mean)':55s} {big_min*1e3:7.1f} / {big_avg*1e3:.1f}")
    print(f"{'load %d records: start-up to iocRun, s' % a.load_records:55s} {load_s:12.2f}")
    print(f"{'load %d records: RSS after init, MiB' % a.load_records:55s} {load_rss:12.0f}")


if __name__ == "__main__":
    main()
