"""Start and stop jioc processes for the tests: free ports, the IOC dies with pytest, stopped only by its own PID.

Any test that needs an IOC of its own (another st.cmd, a restart) uses start_ioc/stop_ioc; the session IOC in
conftest.py is one of these.
"""
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "ioc" / "target" / "jioc.jar"


def free_port():
    """A port free for both TCP and UDP (CA and PVA use the same number for both)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
            t.bind(("127.0.0.1", 0))
            port = t.getsockname()[1]
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                u.bind(("0.0.0.0", port))
            return port
        except OSError:
            continue


def _die_with_parent():
    """The IOC gets SIGTERM if pytest itself is killed (PR_SET_PDEATHSIG), so no IOC outlives a cut-off run."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


class IocProcess:
    """One running jioc: its Popen, its log file, and the environment it was started with."""

    def __init__(self, proc, log, log_path, env):
        self.proc, self.log, self.log_path, self.env = proc, log, log_path, env

    @property
    def pid(self):
        return self.proc.pid

    def log_text(self):
        self.log.flush()
        return self.log_path.read_text()


def start_ioc(st_cmd, env_extra=None, log_name="test-ioc.log", ready=None, timeout=60.0, cwd=ROOT):
    """Start jioc on st_cmd (headless). ready: a callable returning True once the IOC answers (polled until
    timeout). Raises RuntimeError with the log if the IOC exits or never becomes ready."""
    if not JAR.exists():
        raise RuntimeError("ioc/target/jioc.jar is missing: run scripts/test (it builds first)")
    log_path = ROOT / "build" / log_name
    log_path.parent.mkdir(exist_ok=True)
    log = open(log_path, "w")
    env = dict(os.environ)
    # Beacons go to the repeater port only: the address list names other test IOCs' ports, and jca's server prints
    # a hex dump for every beacon that reaches its search port.
    env.setdefault("EPICS_CAS_BEACON_ADDR_LIST", "127.0.0.1")
    env.update(env_extra or {})
    # Every IOC also serves pvAccess: give it free PVA ports unless the caller chose them, so IOCs started side by
    # side never compete for 5075/5076.
    for var in ("EPICS_PVA_SERVER_PORT", "EPICS_PVAS_BROADCAST_PORT"):
        if var not in (env_extra or {}):
            env[var] = str(free_port())
    env.setdefault("EPICS_PVAS_INTF_ADDR_LIST", "127.0.0.1")
    proc = subprocess.Popen(
        ["java", "-Xmx4g", f"-Djioc.home={ROOT}", "-jar", str(JAR), "--headless", str(st_cmd)],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=cwd,
        preexec_fn=_die_with_parent)
    ioc = IocProcess(proc, log, log_path, env)
    if ready is None:
        return ioc
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("jioc exited during start-up:\n" + ioc.log_text())
        if ready():
            return ioc
        time.sleep(0.1)
    stop_ioc(ioc)
    raise RuntimeError(f"jioc did not answer within {timeout} s:\n" + ioc.log_text())


def stop_ioc(ioc, sig=signal.SIGTERM):
    """Stop the IOC by its PID (SIGTERM, SIGKILL after 10 s; or sig, e.g. SIGKILL to simulate a crash)."""
    if ioc.proc.poll() is None:
        ioc.proc.send_signal(sig)
        try:
            ioc.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            ioc.proc.kill()
            ioc.proc.wait()
    ioc.log.close()


@contextlib.contextmanager
def ioc_on_port(st_cmd, ca_port, env_extra=None, log_name="test-ioc.log", ready=None):
    """A jioc serving CA on loopback at ca_port (one of conftest.SPARE_CA_PORTS) for the with-block, stopped by its
    PID at the end."""
    env = {"EPICS_CA_SERVER_PORT": str(ca_port), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1", **(env_extra or {})}
    ioc = start_ioc(st_cmd, env, log_name=log_name, ready=ready)
    try:
        yield ioc
    finally:
        stop_ioc(ioc)
