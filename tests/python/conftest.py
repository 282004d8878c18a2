"""Starts one jioc (the client test IOC, pv-definitions/test) on free loopback ports for the whole session.

The CA environment must be set before pyepics loads libca, so it is done at import time here.
"""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from jioc_process import ROOT, free_port, start_ioc, stop_ioc  # noqa: E402

PREFIX = "jioc:test:"

CA_PORT = free_port()
# Ports for IOCs that single tests start (another st.cmd, a restart): libca reads its address list once, so they
# are reserved now. Use them with start_ioc(..., {"EPICS_CA_SERVER_PORT": str(port)}).
SPARE_CA_PORTS = [free_port() for _ in range(16)]  # [10] default beamline, [11] area detector, [12] HDF1, [13] Pva1, [6] ROI/Stats
os.environ.update({
    "EPICS_CA_ADDR_LIST": " ".join(["127.0.0.1"] + [f"127.0.0.1:{p}" for p in SPARE_CA_PORTS]),
    "EPICS_CA_AUTO_ADDR_LIST": "NO",
    "EPICS_CA_SERVER_PORT": str(CA_PORT),
    "EPICS_CA_MAX_ARRAY_BYTES": "100000000",
})

import epics  # noqa: E402  (after the environment is set)


@pytest.fixture(scope="session", autouse=True)
def ioc(tmp_path_factory):
    """The jioc process; stopped by its PID at the end. Its JIOC_HOME (the saveData files and run catalog of the
    scans the tests make) is a temporary directory, not the checkout's var/."""
    try:
        proc = start_ioc(ROOT / "pv-definitions" / "test" / "st.cmd",
                         {"EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1", "P": PREFIX,
                          "JIOC_HOME": str(tmp_path_factory.mktemp("session-jioc-home"))},
                         ready=lambda: epics.caget(PREFIX + "ao1", timeout=1.0) is not None)
    except RuntimeError as e:
        pytest.exit(str(e), returncode=3)
    try:
        yield proc
    finally:
        epics.ca.finalize_libca()
        stop_ioc(proc)


@pytest.fixture
def pv():
    """pv('ao1') -> full PV name."""
    return lambda name: PREFIX + name


@pytest.fixture(scope="session")
def default_beamline(tmp_path_factory):
    """The default IOC (pv-definitions/default/st.cmd, what `scripts/jioc` starts) on SPARE_CA_PORTS[10], shared by
    the modules that drive the simulated beamline: one IOC serves its names for the whole session, so no client
    channel is left pointing at a stopped IOC of the same names (without caRepeater libca would find the next one
    only after its search back-off). JIOC_HOME is a temporary directory (autosave, catalog, data files)."""
    from jioc_process import ioc_on_port
    home = tmp_path_factory.mktemp("default-beamline-home")
    with ioc_on_port(ROOT / "pv-definitions" / "default" / "st.cmd", SPARE_CA_PORTS[10], {"JIOC_HOME": str(home)},
                     log_name="default-ioc.log",
                     ready=lambda: epics.caget("2bmbSP1:HDF1:PluginType_RBV", timeout=1.0) is not None
                     and epics.caget("2bmb:Plan:Status", timeout=1.0) is not None):
        yield home
