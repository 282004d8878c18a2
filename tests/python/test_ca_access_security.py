"""Access security (ACF) seen by libca: a UAG decides who may write, a CALC-conditioned rule flips while clients
stay connected (the server pushes the new access rights), and trapped writes are logged.

The IOC is pv-definitions/test/acf-test.cmd on a spare port. libca names the client after the OS user of the
process (getpwuid(getuid())), so the "other user" is a child process running as uid/gid 65534 (nobody).
"""
import json
import os
import pwd
import subprocess
import sys
import time

import pytest
from epics import ca, caget, caput

from conftest import ROOT, SPARE_CA_PORTS
from jioc_process import start_ioc, stop_ioc

P = "jioc:acf:"
NOBODY = 65534
OPERATOR = pwd.getpwuid(os.getuid()).pw_name


@pytest.fixture(scope="module")
def acf_ioc():
    port = SPARE_CA_PORTS[0]
    ioc = start_ioc(ROOT / "pv-definitions" / "test" / "acf-test.cmd",
                    {"EPICS_CA_SERVER_PORT": str(port), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1",
                     "ACF_OPERATOR": OPERATOR},
                    log_name="acf-test-ioc.log",
                    ready=lambda: caget(P + "open", timeout=1.0) is not None)
    try:
        yield ioc
    finally:
        stop_ioc(ioc)


def wait_for(cond, timeout=5.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


CHILD = r"""
import json, sys
import epics
from epics import ca
name, value = sys.argv[1], float(sys.argv[2])
chid = ca.create_channel(name, connect=True, auto_cb=False)
out = {"connected": bool(ca.isConnected(chid)), "read": bool(ca.read_access(chid)), "write": bool(ca.write_access(chid))}
try:
    ca.put(chid, value, wait=True, timeout=5)
    out["put"] = "ok"
except Exception as e:
    out["put"] = "refused: %s" % e
print(json.dumps(out))
"""


def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def put_as_nobody(name, value):
    """Connect and write from a libca client whose user is 'nobody'; returns what it saw."""
    env = dict(os.environ, HOME="/tmp")
    r = subprocess.run([sys.executable, "-c", CHILD, name, str(value)], env=env, cwd="/tmp",
                       preexec_fn=as_nobody, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(os.getuid() != 0, reason="switching to the nobody user needs root")
def test_uag_denies_other_users_and_allows_operators(acf_ioc):
    assert caput(P + "ops", 1.5, wait=True) == 1
    seen = put_as_nobody(P + "ops", 9.0)
    assert seen["connected"] and seen["read"], seen
    assert not seen["write"], "nobody is not in UAG(operators)"
    assert seen["put"].startswith("refused"), seen
    assert caget(P + "ops", use_monitor=False) == 1.5

    chid = ca.create_channel(P + "ops", connect=True)
    assert ca.write_access(chid), OPERATOR + " is an operator"
    assert caput(P + "ops", 2.25, wait=True) == 1
    assert caget(P + "ops", use_monitor=False) == 2.25
    # the rule has TRAPWRITE: the write is logged with user, channel and old -> new value
    assert wait_for(lambda: f"{OPERATOR}@" in acf_ioc.log_text()
                    and f"{P}ops.VAL: 1.5 -> 2.25" in acf_ioc.log_text()), acf_ioc.log_text()[-2000:]
    # the open record is in DEFAULT: nobody may write there
    assert put_as_nobody(P + "open", 4.0)["put"] == "ok"
    assert caget(P + "open", use_monitor=False) == 4.0


def test_calc_rule_flips_for_a_connected_client(acf_ioc):
    assert caput(P + "enable", 0, wait=True) == 1
    chid = ca.create_channel(P + "gated", connect=True)
    assert ca.read_access(chid)
    assert wait_for(lambda: not ca.write_access(chid)), "CALC(A=1) is false while enable is 0"
    with pytest.raises(Exception):
        ca.put(chid, 5.0, wait=True, timeout=5)

    assert caput(P + "enable", 1, wait=True) == 1
    assert wait_for(lambda: ca.write_access(chid)), "libca was told the new rights without reconnecting"
    ca.put(chid, 3.0, wait=True, timeout=5)
    assert caget(P + "gated", use_monitor=False) == 3.0

    assert caput(P + "enable", 0, wait=True) == 1
    assert wait_for(lambda: not ca.write_access(chid)), "and told again when they are taken away"
    assert ca.read_access(chid)
