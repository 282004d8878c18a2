"""saveData for the sscan records through libca (pyepics): the session IOC's standard scans are bound to
db-templates/saveData.template (pv-definitions/test/scans.cmd). A scan configured and run with caput(EXSC, 1,
wait=True) leaves a NeXus file named by saveData_fullPathName, read here with h5py, whose arrays equal the record's
arrays read over CA (P1RA, D01DA, D02DA, first CPT elements), and a SPEC scan that silx's SpecFile parses with the
same columns; a chained 2-D scan's NeXus arrays have the grid's shape."""
import numpy as np
import pytest
from epics import caget, caput

import h5py
from silx.io.specfile import SpecFile

import waiting
from conftest import PREFIX

S1, S2 = PREFIX + "scan1", PREFIX + "scan2"
FAST, M1 = PREFIX + "fast", PREFIX + "m1"
TRIG = PREFIX + "sscan:trig.PROC"
DET1, DET2 = PREFIX + "sscan:det1", PREFIX + "sscan:det2"
SD = PREFIX + "saveData_"


def put(name, value):
    assert caput(name, value, wait=True, timeout=10) == 1, name


def text(name):
    v = caget(name, as_string=True, use_monitor=False)
    return v if isinstance(v, str) else bytes(v).rstrip(b"\0").decode()


def arr(name, n):
    return np.asarray(caget(name, count=n, use_monitor=False), dtype=float)


def s(v):
    return v.decode() if isinstance(v, bytes) else str(v)


@pytest.fixture
def data_dir(tmp_path):
    """Every scan of the test writes into tmp_path; the scans are idle and cleared, the directory restored after."""
    old = text(SD + "fileSystem")
    for sc in (S1, S2):
        waiting.wait_until(sc + " idle", lambda sc=sc: caget(sc + ".BUSY") == 0, 30, poll=0.02)
        put(sc + ".CMND", "Clear all PV's")
        for f, v in (("P1SM", "LINEAR"), ("P1AR", "ABSOLUTE"), ("PASM", "STAY"), ("SNAKE", "NO"), ("PAUS", "GO")):
            put(f"{sc}.{f}", v)
    put(S2 + ".T1PV", S1 + ".EXSC")
    put(SD + "fileSystem", str(tmp_path))
    put(SD + "subDir", "sscan")
    yield tmp_path / "sscan"
    put(SD + "fileSystem", old)
    put(SD + "subDir", "")


def setup_scan1(npts, sp, ep):
    put(S1 + ".P1PV", FAST + ".VAL")
    put(S1 + ".R1PV", FAST + ".RBV")
    put(S1 + ".NPTS", npts)
    put(S1 + ".P1SP", sp)
    put(S1 + ".P1EP", ep)
    put(S1 + ".T1PV", TRIG)
    put(S1 + ".D01PV", DET1)
    put(S1 + ".D02PV", DET2)


def test_a_1d_scan_writes_nexus_and_spec_equal_to_the_record_arrays(data_dir):
    setup_scan1(6, 0, 1)
    number = caget(SD + "scanNumber", use_monitor=False)
    assert caput(S1 + ".EXSC", 1, wait=True, timeout=120) == 1
    cpt = caget(S1 + ".CPT", use_monitor=False)
    assert cpt == 6
    nexus = text(SD + "fullPathName")
    assert nexus == str(data_dir / f"sscan_{number:04d}.h5")
    assert text(SD + "fileName") == f"sscan_{number:04d}.h5"
    assert caget(SD + "scanNumber", use_monitor=False) == number + 1
    assert caget(SD + "status", as_string=True, use_monitor=False) == "Active", text(SD + "message")
    p1ra, d01, d02 = arr(S1 + ".P1RA", cpt), arr(S1 + ".D01DA", cpt), arr(S1 + ".D02DA", cpt)
    np.testing.assert_allclose(d01, np.linspace(0, 1, 6) ** 2, atol=2e-3)  # the detectors really read the motor
    with h5py.File(nexus, "r") as f:
        entry = f["entry"]
        assert s(entry.attrs["NX_class"]) == "NXentry"
        assert s(entry["plan_name"][()]) == "sscan"
        assert s(entry["exit_status"][()]) == "success"
        data = entry["data"]
        assert s(data.attrs["signal"]) == DET1
        assert s(data.attrs["axes"]) == FAST + ".VAL" or [s(a) for a in data.attrs["axes"]] == [FAST + ".VAL"]
        np.testing.assert_array_equal(data[FAST + ".RBV"][()], p1ra)
        np.testing.assert_array_equal(data[DET1][()], d01)
        np.testing.assert_array_equal(data[DET2][()], d02)
        np.testing.assert_allclose(data[FAST + ".VAL"][()], np.linspace(0, 1, 6), atol=1e-12)
        scan_id = int(entry["scan_id"][()])
        assert s(entry["instrument"][DET1]["data"].attrs["units"]) == "cts"
    spec = text(SD + "specPathName")
    assert spec == str(data_dir / "sscan.spec")
    sf = SpecFile(spec)
    scan = sf[f"{scan_id}.1"]
    assert scan.labels == [FAST + ".VAL", "Epoch", "Epoch_float", FAST + ".RBV", DET2, DET1]
    np.testing.assert_allclose(scan.data_column_by_name(FAST + ".RBV"), p1ra, rtol=1e-11)
    np.testing.assert_allclose(scan.data_column_by_name(DET1), d01, rtol=1e-11)
    np.testing.assert_allclose(scan.data_column_by_name(DET2), d02, rtol=1e-11)
    assert "exit_status = success" in "\n".join(scan.header)


def test_a_chained_2d_scan_has_the_grid_shape(data_dir):
    setup_scan1(4, 0, 0.6)
    put(S2 + ".P1PV", M1 + ".VAL")
    put(S2 + ".NPTS", 3)
    put(S2 + ".P1SP", 0)
    put(S2 + ".P1EP", 0.4)
    put(S2 + ".D01PV", PREFIX + "sscan:det4")
    assert caput(S2 + ".EXSC", 1, wait=True, timeout=180) == 1
    nexus = text(SD + "fullPathName")
    with h5py.File(nexus, "r") as f:
        data = f["entry/data"]
        assert data[DET2].shape == (3, 4)
        assert data[DET1].shape == (3, 4)
        np.testing.assert_allclose(data[FAST + ".VAL"][()], np.linspace(0, 0.6, 4), atol=1e-12)
        np.testing.assert_allclose(data[M1 + ".VAL"][()], np.linspace(0, 0.4, 3), atol=1e-12)
        # each row is one pass of scan1: det2 = 3*fast + 1; the last row is what scan1 holds now
        np.testing.assert_allclose(data[DET2][()], np.tile(3 * np.linspace(0, 0.6, 4) + 1, (3, 1)), atol=4e-3)
        np.testing.assert_array_equal(data[DET2][2], arr(S1 + ".D02DA", 4))
        # scan2's own detector (m1, read once per outer point) along the rows
        np.testing.assert_array_equal(data[PREFIX + "sscan:det4"][:, 0], arr(S2 + ".D01DA", 3))
        assert list(f["entry/plan/shape"][()]) == [3, 4]
        assert s(f["entry/exit_status"][()]) == "success"
