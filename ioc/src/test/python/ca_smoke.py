"""libca smoke check against a running jioc CA server (driven by org.jioc.ca.LibcaSmokeTest).

Needs EPICS_CA_ADDR_LIST / EPICS_CA_AUTO_ADDR_LIST / EPICS_CA_SERVER_PORT set to reach the server, PYEPICS_LIBCA
pointing at libca, and pyepics on PYTHONPATH. Prints one JSON object with what it saw; the Java side asserts.
"""
import json
import sys
import time

import epics
from epics import ca

prefix = sys.argv[1] if len(sys.argv) > 1 else "smoke:"
out = {}

# plain caget (native type, default count)
out["ai"] = epics.caget(prefix + "ai", timeout=5.0)
out["ai_time"] = None
pv = epics.PV(prefix + "ai", form="time")
pv.wait_for_connection(5.0)
tv = pv.get_with_metadata(timeout=5.0, form="time")
out["ai_time"] = {"value": tv["value"], "severity": tv["severity"], "status": tv["status"],
                  "timestamp": tv["timestamp"]}

# DBR_CTRL metadata
chid = ca.create_channel(prefix + "ai", connect=True)
ctrl = ca.get_ctrlvars(chid, timeout=5.0)
out["ctrl"] = {k: (v if not isinstance(v, float) or v == v else "nan") for k, v in ctrl.items()
               if k in ("units", "precision", "upper_disp_limit", "lower_disp_limit", "upper_alarm_limit",
                        "upper_warning_limit", "upper_ctrl_limit", "lower_ctrl_limit", "severity")}

# enum: index, string, labels
out["mode"] = epics.caget(prefix + "t.MODE", timeout=5.0)
out["mode_str"] = epics.caget(prefix + "t.MODE", as_string=True, timeout=5.0)
mchid = ca.create_channel(prefix + "t.MODE", connect=True)
out["mode_labels"] = list(ca.get_enum_strings(mchid))

# put with completion, then read back (ao clamps to DRVH)
out["put_wait"] = epics.caput(prefix + "ao", 42.0, wait=True, timeout=10.0)
out["ao_after"] = epics.caget(prefix + "ao", timeout=5.0)
out["put_enum_str"] = epics.caput(prefix + "t.MODE", "Auto", wait=True, timeout=10.0)
out["mode_after"] = epics.caget(prefix + "t.MODE", as_string=True, timeout=5.0)

# arrays and long strings
wave = epics.caget(prefix + "t.WAVE", timeout=5.0)
out["wave"] = [float(x) for x in wave] if wave is not None else None
out["str_dollar"] = epics.caget(prefix + "t.STR$", as_string=True, timeout=5.0)

# camonitor-style subscription: the first event is the current value, then one per put
events = []


def on_change(pvname=None, value=None, **kw):
    events.append(float(value))


mon = epics.PV(prefix + "ai", auto_monitor=True, callback=on_change)
mon.wait_for_connection(5.0)
deadline = time.time() + 5
while not events and time.time() < deadline:
    time.sleep(0.02)
for v in (1.0, 2.0, 3.0):
    epics.caput(prefix + "ai", v, wait=True, timeout=5.0)
deadline = time.time() + 5
while len(events) < 4 and time.time() < deadline:
    time.sleep(0.02)
out["events"] = events
mon.clear_callbacks()
mon.disconnect()

print("RESULT " + json.dumps(out, default=str))
sys.stdout.flush()
ca.finalize_libca()
