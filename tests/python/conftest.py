"""Starts one jioc (the client test IOC, pv-definitions/test) on free loopback ports for the whole session.

The CA environment must be set before pyepics loads libca, so it is done at import time here.
"""
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "jioc:test:"


def _free_port():
    # CA uses the same number for TCP and UDP: both must be free.
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


CA_PORT = _free_port()
os.environ.update({
    "EPICS_CA_ADDR_LIST": "127.0.0.1",
    "EPICS_CA_AUTO_ADDR_LIST": "NO",
    "EPICS_CA_SERVER_PORT": str(CA_PORT),
    "EPICS_CA_MAX_ARRAY_BYTES": "100000000",
})

import epics  # noqa: E402  (after the environment is set)


def _die_with_parent():
    """The IOC gets SIGTERM if pytest itself is killed (PR_SET_PDEATHSIG), so no IOC outlives a cut-off run."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


@pytest.fixture(scope="session", autouse=True)
def ioc():
    """The jioc process; stopped by its PID at the end."""
    jar = ROOT / "ioc" / "target" / "jioc.jar"
    if not jar.exists():
        pytest.exit("ioc/target/jioc.jar is missing: run scripts/test (it builds first)", returncode=2)
    log_path = ROOT / "build" / "test-ioc.log"
    log_path.parent.mkdir(exist_ok=True)
    log = open(log_path, "w")
    env = dict(os.environ, EPICS_CAS_INTF_ADDR_LIST="127.0.0.1", P=PREFIX)
    proc = subprocess.Popen(
        ["java", "-Xmx4g", f"-Djioc.home={ROOT}", "-jar", str(jar), "--headless",
         str(ROOT / "pv-definitions" / "test" / "st.cmd")],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=ROOT,
        preexec_fn=_die_with_parent)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            if proc.poll() is not None:
                log.flush()
                pytest.exit("jioc exited during start-up:\n" + log_path.read_text(), returncode=3)
            if epics.caget(PREFIX + "ao1", timeout=1.0) is not None:
                break
        else:
            pytest.exit("jioc did not answer within 60 s:\n" + log_path.read_text(), returncode=3)
        yield proc
    finally:
        epics.ca.finalize_libca()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def pv():
    """pv('ao1') -> full PV name."""
    return lambda name: PREFIX + name
