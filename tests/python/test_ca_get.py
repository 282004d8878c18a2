"""Gets with libca: default (native count) caget, every DBR family, CTRL/TIME metadata, enums, long strings."""
import ctypes
import time

import numpy as np
import pytest
from epics import ca, caget, caput, dbr

# pyepics names and decodes only the plain, TIME and CTRL families; STS and GR are read through libca directly.
DBR_STS_DOUBLE, DBR_GR_DOUBLE = 13, 27


class StsDouble(ctypes.Structure):
    _fields_ = [("status", ctypes.c_short), ("severity", ctypes.c_short), ("pad", ctypes.c_int),
                ("value", ctypes.c_double)]


class GrDouble(ctypes.Structure):
    _fields_ = [("status", ctypes.c_short), ("severity", ctypes.c_short), ("precision", ctypes.c_short),
                ("pad0", ctypes.c_short), ("units", ctypes.c_char * 8),
                ("upper_disp_limit", ctypes.c_double), ("lower_disp_limit", ctypes.c_double),
                ("upper_alarm_limit", ctypes.c_double), ("upper_warning_limit", ctypes.c_double),
                ("lower_warning_limit", ctypes.c_double), ("lower_alarm_limit", ctypes.c_double),
                ("value", ctypes.c_double)]


def raw_get(chid, ftype, struct):
    """ca_array_get of one element of a DBR family pyepics does not decode."""
    libca = ca.initialize_libca()
    buf = struct()
    assert libca.ca_array_get(ftype, 1, chid, ctypes.byref(buf)) == 1
    assert libca.ca_pend_io(ctypes.c_double(5.0)) == 1
    md = {name: getattr(buf, name) for name, _ in struct._fields_}
    if "units" in md:
        md["units"] = md["units"].decode()
    return md


def chid_of(name):
    chid = ca.create_channel(name, connect=True)
    assert ca.connect_channel(chid, timeout=5.0), name
    return chid


def test_default_caget_scalars(pv):
    assert caput(pv("ao1"), 12.5, wait=True) == 1
    assert caget(pv("ao1")) == pytest.approx(12.5)
    assert caget(pv("long1")) == 7
    assert caget(pv("str1")) == "hello"
    assert caget(pv("bo1")) in (0, 1)


def test_native_types_and_counts(pv):
    expected = {"ao1": (dbr.DOUBLE, 1), "long1": (dbr.LONG, 1), "str1": (dbr.STRING, 1),
                "mbbo1": (dbr.ENUM, 1), "uchar128": (dbr.CHAR, 128), "double2048": (dbr.DOUBLE, 2048),
                "long65536": (dbr.LONG, 65536), "string128": (dbr.STRING, 128), "ao1.SCAN": (dbr.ENUM, 1),
                "ao1.DESC": (dbr.STRING, 1), "ao1.PREC": (dbr.SHORT, 1), "ao1.FLNK": (dbr.STRING, 1),
                "ao1.RTYP": (dbr.STRING, 1)}
    for name, (ftype, count) in expected.items():
        chid = chid_of(pv(name))
        assert ca.field_type(chid) == ftype, name
        assert ca.element_count(chid) == count, name


@pytest.mark.parametrize("family", ["plain", "STS", "TIME", "GR", "CTRL"])
def test_every_dbr_family_of_a_double(pv, family):
    caput(pv("ao1"), -3.25, wait=True)
    chid = chid_of(pv("ao1"))
    if family == "STS":
        md = raw_get(chid, DBR_STS_DOUBLE, StsDouble)
    elif family == "GR":
        md = raw_get(chid, DBR_GR_DOUBLE, GrDouble)
    else:
        ftype = {"plain": dbr.DOUBLE, "TIME": dbr.TIME_DOUBLE, "CTRL": dbr.CTRL_DOUBLE}[family]
        md = ca.get_with_metadata(chid, ftype=ftype)
    assert md["value"] == pytest.approx(-3.25)
    if family != "plain":
        assert md["severity"] == 0 and md["status"] == 0
    if family == "TIME":
        assert abs(md["timestamp"] - time.time()) < 60
    if family in ("GR", "CTRL"):
        assert md["units"] == "mm"
        assert md["precision"] == 3
        assert md["upper_disp_limit"] == 110 and md["lower_disp_limit"] == -110
        assert md["upper_alarm_limit"] == 90 and md["upper_warning_limit"] == 80
        assert md["lower_warning_limit"] == -80 and md["lower_alarm_limit"] == -90
    if family == "CTRL":
        # ao: control limits are DRVH/DRVL
        assert md["upper_ctrl_limit"] == 100 and md["lower_ctrl_limit"] == -100


@pytest.mark.parametrize("ftype", [dbr.STRING, dbr.SHORT, dbr.FLOAT, dbr.ENUM, dbr.CHAR, dbr.LONG, dbr.DOUBLE,
                                   dbr.TIME_STRING, dbr.TIME_SHORT, dbr.TIME_FLOAT, dbr.TIME_CHAR, dbr.TIME_LONG,
                                   dbr.CTRL_SHORT, dbr.CTRL_FLOAT, dbr.CTRL_LONG, dbr.CTRL_CHAR, dbr.TIME_ENUM])
def test_conversion_to_any_requested_type(pv, ftype):
    caput(pv("ao1"), 42.0, wait=True)
    value = ca.get(chid_of(pv("ao1")), ftype=ftype)
    if ftype in (dbr.STRING, dbr.TIME_STRING):
        assert float(value) == pytest.approx(42.0)
    else:
        assert value == 42


def test_ctrl_of_ai_uses_hopr_lopr(pv):
    md = ca.get_with_metadata(chid_of(pv("ai1")), ftype=dbr.CTRL_DOUBLE)
    assert md["upper_ctrl_limit"] == 110 and md["lower_ctrl_limit"] == -110
    assert md["units"] == "mm"


def test_time_timestamp_tracks_processing(pv):
    chid = chid_of(pv("ao1"))
    caput(pv("ao1"), 1.0, wait=True)
    t1 = ca.get_with_metadata(chid, ftype=dbr.TIME_DOUBLE)["timestamp"]
    time.sleep(0.2)
    caput(pv("ao1"), 2.0, wait=True)
    t2 = ca.get_with_metadata(chid, ftype=dbr.TIME_DOUBLE)["timestamp"]
    assert 0.15 < t2 - t1 < 5


def test_enum_by_index_and_by_string(pv):
    chid = chid_of(pv("mbbo1"))
    ctrl = ca.get_ctrlvars(chid)
    assert list(ctrl["enum_strs"]) == ["Stopped", "Single", "Multiple", "Continuous"]
    assert caput(pv("mbbo1"), 2, wait=True) == 1
    assert caget(pv("mbbo1")) == 2
    assert caget(pv("mbbo1"), as_string=True) == "Multiple"
    assert caput(pv("mbbo1"), "Continuous", wait=True) == 1
    assert caget(pv("mbbo1")) == 3
    time.sleep(0.3)
    assert caget(pv("mbbi1"), as_string=True) == "Continuous"
    assert ca.get(chid, ftype=dbr.STRING) == "Continuous"


def test_menu_field_is_an_enum_with_menu_strings(pv):
    ctrl = ca.get_ctrlvars(chid_of(pv("ao1.SCAN")))
    assert list(ctrl["enum_strs"])[:3] == ["Passive", "Event", "I/O Intr"]
    assert caget(pv("ao1.SCAN"), as_string=True) == "Passive"


def test_long_string_field_with_dollar(pv):
    chid = chid_of(pv("ao1.DESC$"))
    assert ca.field_type(chid) == dbr.CHAR
    assert ca.element_count(chid) == 41
    assert caget(pv("ao1.DESC$"), as_string=True) == "an analog output"
    long_link = pv("ao1") + " CP MS"
    assert caget(pv("ai1.INP$"), as_string=True) == long_link


def test_long_string_in_char_waveform(pv):
    text = "/data/2026/11/21/a_rather_long_directory_name_for_a_scan/with_a_file_name_0001.h5"
    assert len(text) > 40
    assert caput(pv("char256"), text, wait=True) == 1
    assert caget(pv("char256"), as_string=True) == text


def test_record_type_and_name_fields(pv):
    assert caget(pv("ao1.RTYP")) == "ao"
    assert caget(pv("mbbo1.RTYP")) == "mbbo"
    assert caget(pv("ao1.NAME")) == pv("ao1")
    assert caget(pv("ao1.NAME$"), as_string=True) == pv("ao1")
