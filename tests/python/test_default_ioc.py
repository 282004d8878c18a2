"""The default IOC (pv-definitions/default/st.cmd, what `scripts/jioc` starts) comes up with the whole simulated
beamline and its pieces work together through libca: the 2-BM motors, a homing procedure, an energy move, the
hexapod, a standard sscan and a plan scan recorded in the run catalog. JIOC_HOME is a temporary directory, so
autosave files, the catalog and data files of this test stay out of the checkout."""
import pytest
from epics import caget, caput

from procedure_client import text, wait_for


@pytest.fixture(scope="module", autouse=True)
def default_ioc(default_beamline):
    return default_beamline


def test_the_beamline_pvs_are_served():
    for pv in ("jioc:demo:Temperature", "2bma:m6.RBV", "2bmb:m102.RBV", "2bmHXP:m1.RBV", "2bma:Energy",
               "2bmb:scan1.NPTS", "2bmb:Catalog:Status", "2bmb:Queue:Length", "2bmb:HomeSampleStage:Status"):
        assert caget(pv, timeout=5) is not None, pv
    assert caget("2bma:m6.RTYP") == "motor"
    assert caget("2bmb:scan1.RTYP") == "sscan"
    assert text("2bmHXP:State") == "Ready"


def test_homing_then_an_energy_move():
    assert caput("2bmb:HomeSlitsB:Start", 1, wait=True, timeout=120) == 1
    assert text("2bmb:HomeSlitsB:Status") == "Done", text("2bmb:HomeSlitsB:Message")
    caput("2bma:EnergyMode", "Mono", wait=True)
    caput("2bma:Energy", 20.0, wait=True)
    assert caput("2bma:EnergyMove", 1, wait=True, timeout=300) == 1
    assert text("2bma:EnergySetting:Status") == "Done", text("2bma:EnergyStatus")
    assert caget("2bma:EnergyRBV", use_monitor=False) == pytest.approx(20.0)


def test_a_standard_sscan_of_a_sample_motor():
    s = "2bmb:scan1"
    for field, value in (("P1PV", "2bmb:m17.VAL"), ("R1PV", "2bmb:m17.RBV"), ("D01PV", "2bmb:m18.RBV"),
                         ("P1SP", -0.5), ("P1EP", 0.5), ("NPTS", 5)):
        caput(f"{s}.{field}", value, wait=True)
    assert caput(s + ".EXSC", 1, wait=True, timeout=120) == 1
    assert caget(s + ".CPT", use_monitor=False) == 5
    readbacks = caget(s + ".P1RA", use_monitor=False)[:5]  # the completed scan's readback array of P1
    assert list(readbacks) == pytest.approx([-0.5, -0.25, 0.0, 0.25, 0.5], abs=1e-3)
    assert len(caget(s + ".D01DA", use_monitor=False)) == caget(s + ".MPTS")


def test_a_plan_scan_is_recorded_in_the_catalog():
    p = "2bmb:Plan:"
    wait_for("catalog connected", lambda: text("2bmb:Catalog:Status") == "Connected", 30)
    caput(p + "PlanName", "scan", wait=True)
    caput(p + "M1:Name", "2bmb:m63", wait=True)
    caput(p + "M1:Start", -1, wait=True)
    caput(p + "M1:Stop", 1, wait=True)
    caput(p + "Num", 5, wait=True)
    caput(p + "Detectors", "2bmb:m25.RBV", wait=True)
    last = caget("2bmb:Catalog:LastScanId", use_monitor=False)
    assert caput(p + "Start", 1, wait=True, timeout=120) == 1
    assert text(p + "Status") == "Done", text(p + "Message")
    scan_id = caget(p + "ScanId", use_monitor=False)
    assert scan_id == last + 1
    wait_for("the catalog's last run", lambda: caget("2bmb:Catalog:LastScanId", use_monitor=False) == scan_id)
    assert text("2bmb:Catalog:LastUid") == text(p + "Uid")
