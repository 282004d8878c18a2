"""The run catalog and its command queue over Channel Access (docs/catalog.md), with libca/pyepics.

Each test starts its own IOC (pv-definitions/test/catalog.cmd) on SPARE_CA_PORTS[7] with a private JIOC_HOME, on
the embedded H2 database and, when scripts/test started a PostgreSQL server (JIOC_TEST_PG_URL), again on a fresh
database of that server. Commands are the catalog's built-in queue commands: sleep, noop and snapshot.
"""
import os
import re
import subprocess
import uuid

import pytest

from conftest import SPARE_CA_PORTS
from jioc_process import ROOT, start_ioc, stop_ioc
from waiting import wait_until

import epics

PORT = SPARE_CA_PORTS[7]
P = "jioc:cat:"
PG_URL = os.environ.get("JIOC_TEST_PG_URL", "")
PG_USER = os.environ.get("JIOC_TEST_PG_USER", "")
PSQL = os.environ.get("JIOC_TEST_PG_PSQL", "")


def psql(sql, database="postgres"):
    """Run SQL on the test PostgreSQL server as a plain SQL client; returns the unaligned output."""
    m = re.match(r"jdbc:postgresql://([^:/]+):(\d+)/", PG_URL)
    out = subprocess.run([PSQL, "-h", m.group(1), "-p", m.group(2), "-U", PG_USER, "-d", database, "-XAtq",
                          "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.fixture(params=["h2", "postgresql"])
def catalog(request, tmp_path):
    """(env for start_ioc, backend): a private JIOC_HOME and, for postgresql, a fresh database."""
    env = {"EPICS_CA_SERVER_PORT": str(PORT), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1", "P": P,
           "JIOC_HOME": str(tmp_path)}
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("JIOC_TEST_PG_URL is not set: no PostgreSQL server in this run (scripts/test starts one)")
        name = "catalog_" + uuid.uuid4().hex[:12]
        psql("CREATE DATABASE " + name)
        env.update({"CATALOG_URL": PG_URL.rsplit("/", 1)[0] + "/" + name, "CATALOG_USER": PG_USER})
        yield env, request.param, name
        psql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
    else:
        yield env, request.param, None


def start(env, log):
    return start_ioc(ROOT / "pv-definitions" / "test" / "catalog.cmd", env, log_name=log,
                     ready=lambda: epics.caget(P + "Catalog:Status", timeout=1.0) is not None)


def text(name):
    return epics.caget(P + name, as_string=True, timeout=5.0)


def value(name):
    return epics.caget(P + name, timeout=5.0)


def submit(command, arguments="{}"):
    """Command, Arguments, then Submit with a put-callback: it returns once the row exists."""
    assert epics.caput(P + "Queue:Command", command, wait=True, timeout=5.0) == 1
    assert epics.caput(P + "Queue:Arguments", arguments, wait=True, timeout=5.0) == 1
    before = value("Queue:LastId")
    assert epics.caput(P + "Queue:Submit", 1, wait=True, timeout=20.0) == 1
    assert value("Queue:Submit") == 0
    new = value("Queue:LastId")
    assert new != before, "no new row: " + text("Queue:Message")
    return new


class Messages:
    """Every value Queue:Message takes (a monitor: the runner and the request handling write it from two threads,
    so the latest value alone may already be the next event)."""

    def __init__(self):
        self.seen = []
        self.pv = epics.PV(P + "Queue:Message", callback=self._got, form="native", auto_monitor=True)

    def _got(self, char_value=None, value=None, **kw):
        self.seen.append(bytes(int(x) for x in value).split(b"\0")[0].decode() if value is not None else "")

    def wait(self, pattern, timeout=20.0):
        try:
            wait_until(f"Queue:Message ~ {pattern!r}", lambda: any(re.search(pattern, m) for m in list(self.seen)),
                       timeout=timeout)
        except BaseException:
            print("Queue:Message values seen:", self.seen)
            raise

    def close(self):
        self.pv.disconnect()


def test_commands_queued_over_ca_run_in_order_and_cancel_works(catalog):
    env, backend, dbname = catalog
    ioc = start(env, f"catalog-queue-{backend}.log")
    try:
        wait_until("Catalog:Status Connected", lambda: text("Catalog:Status") == "Connected", timeout=20)
        assert text("Catalog:Message") == "Connected"
        assert ("postgresql" if backend == "postgresql" else "h2:file:") in text("Catalog:Url")
        wait_until("Queue:Status Idle", lambda: text("Queue:Status") == "Idle")
        messages = Messages()
        wait_message = messages.wait

        slow = submit("sleep", '{"seconds": 60}')
        wait_until("the sleep runs", lambda: value("Queue:Current") == slow)
        assert text("Queue:CurrentCommand") == "sleep"
        assert text("Queue:Status") == "Running"
        queued = submit("noop")
        wait_until("Queue:Length 1", lambda: value("Queue:Length") == 1)
        if backend == "postgresql":
            assert psql(f"SELECT status FROM commands WHERE id = {queued}", dbname) == "requested"
            assert psql(f"SELECT status FROM commands WHERE id = {slow}", dbname) == "running"

        # cancel a waiting command: canceled, never runs
        assert epics.caput(P + "Queue:Cancel", queued, wait=True, timeout=5.0) == 1
        wait_message(rf"cancel #{queued}: canceled")
        wait_until("Queue:Cancel back to 0", lambda: value("Queue:Cancel") == 0)
        wait_until("Queue:Length 0", lambda: value("Queue:Length") == 0)
        # cancel the running one: the sleep ends at once, aborted
        assert epics.caput(P + "Queue:Cancel", slow, wait=True, timeout=5.0) == 1
        wait_message(rf"#{slow} sleep: aborted: canceled", timeout=10)
        wait_until("nothing running", lambda: value("Queue:Current") == 0)
        assert text("Queue:Status") == "Idle"

        # resubmit the canceled one: it runs now
        assert epics.caput(P + "Queue:Resubmit", queued, wait=True, timeout=5.0) == 1
        wait_message(rf"#{queued} noop: finished: noop")

        # an unknown command fails clearly; bad JSON never becomes a row
        bad = submit("frobnicate")
        # (the plan layer registers count, grid_scan, ..., docs/plans.md)
        wait_message(rf"#{bad} frobnicate: aborted: error: unknown command 'frobnicate' \(known: count, grid_scan,"
                     r" list_scan, noop, rel_grid_scan, rel_scan, scan, sleep, snapshot\)")
        last = value("Queue:LastId")
        epics.caput(P + "Queue:Command", "noop", wait=True)
        epics.caput(P + "Queue:Arguments", "{oops", wait=True)
        assert epics.caput(P + "Queue:Submit", 1, wait=True, timeout=10.0) == 1
        assert text("Queue:Message").startswith("submit refused: arguments are not valid JSON"), text("Queue:Message")
        assert value("Queue:LastId") == last

        if backend == "postgresql":
            rows = psql(f"SELECT id, status, output_value FROM commands ORDER BY id", dbname).splitlines()
            assert rows == [f"{slow}|aborted|aborted: canceled", f"{queued}|finished|noop",
                            f"{bad}|aborted|error: unknown command 'frobnicate' (known: count, grid_scan, list_scan,"
                            " noop, rel_grid_scan, rel_scan, scan, sleep, snapshot)"]
            # any SQL client can queue: a plain INSERT is picked up by the IOC's runner
            sql_id = psql("INSERT INTO commands (command, arguments, submitted_by) VALUES ('noop', '{}', 'psql')"
                          " RETURNING id", dbname)
            wait_message(rf"#{sql_id} noop: finished: noop")
            assert psql(f"SELECT status FROM commands WHERE id = {sql_id}", dbname) == "finished"
    finally:
        stop_ioc(ioc)


def test_runs_survive_an_ioc_restart(catalog):
    env, backend, dbname = catalog
    ioc = start(env, f"catalog-restart-{backend}.log")
    try:
        wait_until("Catalog:Status Connected", lambda: text("Catalog:Status") == "Connected", timeout=20)
        first = value("Catalog:LastScanId")
        messages = Messages()
        wait_message = messages.wait
        for _ in range(2):
            cmd = submit("snapshot", '{"pvs": ["%sQueue:Length"], "md": {"sample": "glass"}}' % P)
            wait_message(rf"#{cmd} snapshot: finished: run \d+ ")
        assert value("Catalog:LastScanId") == first + 2
        uid = text("Catalog:LastUid")
        assert re.fullmatch(r"[0-9a-f-]{36}", uid)
    finally:
        stop_ioc(ioc)  # by its PID

    ioc = start(env, f"catalog-restart2-{backend}.log")
    try:
        wait_until("Catalog:Status Connected", lambda: text("Catalog:Status") == "Connected", timeout=20)
        wait_until("LastScanId restored", lambda: value("Catalog:LastScanId") == first + 2)
        messages = Messages()
        wait_message = messages.wait
        cmd = submit("snapshot", '{"pvs": ["%sCatalog:LastScanId"]}' % P)
        wait_message(rf"#{cmd} snapshot: finished: run {first + 3} ")
        assert value("Catalog:LastScanId") == first + 3
        assert text("Catalog:LastUid") != uid
        if backend == "postgresql":
            rows = psql("SELECT scan_id, plan_name, exit_status, num_events, start_doc::json->>'sample'"
                        " FROM runs ORDER BY scan_id", dbname).splitlines()
            assert rows == [f"{first + 1}|snapshot|success|1|glass", f"{first + 2}|snapshot|success|1|glass",
                            f"{first + 3}|snapshot|success|1|"]
    finally:
        stop_ioc(ioc)


def test_unreachable_database_leaves_the_ioc_up_and_says_why(tmp_path):
    from jioc_process import free_port
    port = free_port()  # nothing listens there
    env = {"EPICS_CA_SERVER_PORT": str(PORT), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1", "P": P,
           "JIOC_HOME": str(tmp_path), "CATALOG_URL": f"jdbc:postgresql://127.0.0.1:{port}/jioc",
           "CATALOG_USER": "jioc"}
    ioc = start(env, "catalog-unreachable.log")
    try:
        assert text("Catalog:Status") == "Disconnected"
        msg = text("Catalog:Message")
        assert msg.startswith(f"Disconnected: cannot connect to jdbc:postgresql://127.0.0.1:{port}/jioc"), msg
        assert text("Queue:Status") == "Offline"
        log = ioc.log_text()
        assert re.search(rf"runCatalog: cannot connect to jdbc:postgresql://127.0.0.1:{port}/jioc: .*; retrying every"
                         r" 5 s", log), log
        # a submit while the database is away is refused with the reason, and the put-callback still completes
        epics.caput(P + "Queue:Command", "noop", wait=True)
        epics.caput(P + "Queue:Arguments", "{}", wait=True)
        assert epics.caput(P + "Queue:Submit", 1, wait=True, timeout=20.0) == 1
        assert text("Queue:Message").startswith("submit refused: cannot connect"), text("Queue:Message")
    finally:
        stop_ioc(ioc)
