"""The interactive iocsh: jioc on a pseudo-terminal, driven the way an operator types (JLine console).

Checks dbl, dbpr, dbpf/dbgf round trip, casr listing a libca client, tab completion of record names, history,
and that exit stops the IOC.
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

import epics
import pytest

from conftest import SPARE_CA_PORTS
from jioc_process import JAR, ROOT, free_port

PREFIX = "jioc:con:"
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[=>]|\r")


class PtyIoc:
    """jioc with its stdin/stdout/stderr on a pseudo-terminal of its own (controlling terminal, as under ssh)."""

    def __init__(self, port):
        env = dict(os.environ, P=PREFIX, EPICS_CA_SERVER_PORT=str(port), EPICS_CAS_INTF_ADDR_LIST="127.0.0.1",
                   EPICS_CAS_BEACON_ADDR_LIST="127.0.0.1",
                   EPICS_PVA_SERVER_PORT=str(free_port()), EPICS_PVAS_BROADCAST_PORT=str(free_port()),
                   EPICS_IOCSH_HISTFILE=str(ROOT / "build" / "test-iocsh-history"), TERM="xterm")
        hist = ROOT / "build" / "test-iocsh-history"
        if hist.exists():
            hist.unlink()
        self.pid, self.fd = pty.fork()
        if self.pid:  # a terminal of 100 columns, as an operator's would be
            fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        if self.pid == 0:  # child: becomes jioc
            try:
                os.chdir(ROOT)
                os.execvpe("java", ["java", "-Xmx1g", f"-Djioc.home={ROOT}", "-jar", str(JAR),
                                    str(ROOT / "pv-definitions" / "test" / "st.cmd")], env)
            finally:
                os._exit(127)
        self.seen = ""

    def read_until(self, pattern, timeout=60.0):
        """Read terminal output (escape sequences removed) until pattern matches the text since the last call."""
        deadline = time.time() + timeout
        start = len(self.seen)
        rx = re.compile(pattern)
        while time.time() < deadline:
            m = rx.search(self.seen, start)
            if m:
                out = self.seen[start:m.end()]
                self.seen = self.seen[:m.end()]  # the next read starts after the match
                return out
            r, _, _ = select.select([self.fd], [], [], 0.2)
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                self.seen += ANSI.sub("", data.decode("utf-8", "replace"))
        raise AssertionError(f"did not see {pattern!r}; terminal showed:\n{self.seen[start:]}")

    def command(self, line, until=r"jioc> $"):
        """Type a line, return what was printed up to the next prompt."""
        os.write(self.fd, line.encode() + b"\r")
        return self.read_until(until)

    def stop(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            for _ in range(100):
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.1)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass  # already reaped (the exit test)
        os.close(self.fd)


@pytest.fixture(scope="module")
def console():
    c = PtyIoc(SPARE_CA_PORTS[0])
    try:
        c.read_until(r"iocRun: All initialization complete")
        c.read_until(r"jioc> $")
        yield c
    finally:
        c.stop()


def test_dbl_lists_records(console):
    out = console.command("dbl ao")
    assert PREFIX + "ao1" in out
    assert PREFIX + "ai1" not in out, "dbl ao lists only ao records"
    out = console.command(f"dbl * {PREFIX}ai*")
    assert PREFIX + "ai1" in out and PREFIX + "ao1" not in out


def test_dbpf_dbgf_round_trip(console):
    out = console.command(f"dbpf {PREFIX}ao1 12.25")
    assert re.search(r"DBF_DOUBLE:\s+12\.25", out), out
    out = console.command(f"dbgf {PREFIX}ao1")
    assert re.search(r"DBF_DOUBLE:\s+12\.25", out), out
    # the same value is what a libca client reads
    assert epics.caget(PREFIX + "ao1", timeout=5) == pytest.approx(12.25)


def test_dbpr_shows_fields(console):
    out = console.command(f"dbpr {PREFIX}ao1 1")
    assert re.search(r"NAME: " + re.escape(PREFIX) + r"ao1", out), out
    assert re.search(r"EGU: mm", out), out
    assert "VAL: 12.25" in out or "VAL:" in out


def test_casr_lists_connected_client(console):
    pv = epics.PV(PREFIX + "ao1")
    assert pv.wait_for_connection(timeout=5)
    try:
        out = console.command("casr 2")
        user = os.environ.get("USER") or __import__("pwd").getpwuid(os.getuid()).pw_name
        assert re.search(r'TCP 127\.0\.0\.1:\d+\(.*\): User="' + re.escape(user) + '"', out), out
        assert PREFIX + "ao1" in out
    finally:
        pv.disconnect()


def test_tab_completes_record_name(console):
    # "dbgf jioc:con:ao" + TAB completes to the only match ao1 (the record names are unique from "ao")
    os.write(console.fd, f"dbgf {PREFIX}ao".encode() + b"\t")
    console.read_until(re.escape(PREFIX) + r"ao1")
    out = console.command("")
    assert re.search(r"DBF_DOUBLE:", out), out


def test_history_recalls_previous_line(console):
    console.command(f"dbgf {PREFIX}ao1.EGU")
    os.write(console.fd, b"\x1bOA")  # up arrow (application cursor mode, as JLine sets it)
    console.read_until(re.escape(f"dbgf {PREFIX}ao1.EGU"))
    out = console.command("")
    assert '"mm"' in out, out


def test_unknown_command_keeps_console(console):
    out = console.command("no_such_command 1")
    assert "Command no_such_command not found." in out


def test_exit_stops_ioc(console):
    os.write(console.fd, b"exit\r")
    deadline = time.time() + 20
    while time.time() < deadline:
        done, status = os.waitpid(console.pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.1)
    pytest.fail("jioc did not stop after exit")


def test_without_terminal_reads_nothing_and_keeps_serving():
    """stdin a pipe (systemd, CI): no console; an 'exit' written to stdin is never read, the IOC goes on serving."""
    import subprocess
    port = SPARE_CA_PORTS[1]
    env = dict(os.environ, P="jioc:pipe:", EPICS_CA_SERVER_PORT=str(port), EPICS_CAS_INTF_ADDR_LIST="127.0.0.1",
               EPICS_CAS_BEACON_ADDR_LIST="127.0.0.1",
               EPICS_PVA_SERVER_PORT=str(free_port()), EPICS_PVAS_BROADCAST_PORT=str(free_port()))
    log = open(ROOT / "build" / "test-ioc-pipe.log", "w")
    proc = subprocess.Popen(["java", "-Xmx1g", f"-Djioc.home={ROOT}", "-jar", str(JAR),
                             str(ROOT / "pv-definitions" / "test" / "st.cmd")],
                            stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    try:
        name = "jioc:pipe:ao1"
        deadline = time.time() + 60
        while epics.caget(name, timeout=1.0, use_monitor=False) is None:
            assert proc.poll() is None and time.time() < deadline, "IOC did not come up"
        proc.stdin.write(b"exit\n")
        proc.stdin.flush()
        time.sleep(1.0)
        assert proc.poll() is None, "the IOC read 'exit' from a non-terminal stdin"
        assert epics.caput(name, 7.5, wait=True, timeout=5) == 1
        assert epics.caget(name, timeout=5, use_monitor=False) == pytest.approx(7.5)
        proc.stdin.close()  # end of input: still serving
        time.sleep(0.5)
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
