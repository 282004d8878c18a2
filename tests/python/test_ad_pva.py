"""Pva1 (NDPluginPva) against image1 over two client libraries that share no code with jioc: each frame a
pvAccessJava NTNDArray monitor decodes (uniqueId, union member, dims, raw pixels) equals the CA waveform libca reads
for the same uniqueId, for every data type the camera makes (pv-definitions/test/simdet-pva.cmd)."""
import signal
import subprocess

import numpy as np
import pytest

import conftest
from jioc_process import ROOT, free_port, start_ioc, stop_ioc

epics = pytest.importorskip("epics")
P = "jioc:adpva:"
CHANNEL = P + "Pva1:Image"
PORT = conftest.SPARE_CA_PORTS[13]
UDP = free_port()
CLASSPATH = ROOT / "build" / "pva-test-classpath.txt"
# union member → numpy dtype of its little-endian raw pixels
DTYPES = {"byteValue": "<i1", "ubyteValue": "<u1", "shortValue": "<i2", "ushortValue": "<u2", "intValue": "<i4",
          "uintValue": "<u4", "longValue": "<i8", "ulongValue": "<u8", "floatValue": "<f4", "doubleValue": "<f8"}
MEMBER = {"Int8": "byteValue", "UInt8": "ubyteValue", "Int16": "shortValue", "UInt16": "ushortValue",
          "Int32": "intValue", "UInt32": "uintValue", "Float32": "floatValue", "Float64": "doubleValue"}
FRAMES = 3


@pytest.fixture(scope="module")
def ioc():
    env = {"EPICS_CA_SERVER_PORT": str(PORT), "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1",
           "EPICS_PVAS_BROADCAST_PORT": str(UDP)}
    proc = start_ioc(ROOT / "pv-definitions/test/simdet-pva.cmd", env, "ad-pva-ioc.log",
                     ready=lambda: epics.caget(P + "cam1:Manufacturer_RBV", timeout=1.0) is not None)
    yield proc
    stop_ioc(proc, signal.SIGTERM)


@pytest.fixture(scope="module")
def java_cmd():
    """The pvAccessJava test classpath, resolved once (offline) from the build's Maven repository."""
    if not CLASSPATH.exists():
        CLASSPATH.parent.mkdir(exist_ok=True)
        subprocess.run(["mvn", "-q", "-B", "-o", "-pl", "ioc", "dependency:build-classpath",
                        "-Dmdep.includeScope=test", f"-Dmdep.outputFile={CLASSPATH}"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    classes = ROOT / "ioc/target/test-classes"
    assert (classes / "org/jioc/areadetector/pva/NtNdArrayRecorder.class").exists(), "build the tests first"
    cp = f"{classes}:{ROOT / 'ioc/target/classes'}:{CLASSPATH.read_text().strip()}"
    return ["java", "-cp", cp, "org.jioc.areadetector.pva.NtNdArrayRecorder"]


def put(name, value):
    assert epics.caput(P + name, value, wait=True, timeout=10) == 1


def wait_for(cond, what, timeout=10.0):
    import time
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return
        time.sleep(0.01)
    raise AssertionError("timed out waiting for " + what)


def test_pv_name_and_plugin_type(ioc):
    assert epics.caget(P + "Pva1:PvName_RBV", as_string=True) == CHANNEL
    assert epics.caget(P + "Pva1:PluginType_RBV") == "NDPluginPva"


@pytest.mark.parametrize("data_type", ["UInt8", "Int8", "UInt16", "Int16", "Int32", "UInt32", "Float32", "Float64"])
def test_ntndarray_monitor_decodes_the_same_frame_as_the_ca_waveform(ioc, java_cmd, tmp_path, data_type):
    put("cam1:ImageMode", "Single")
    put("cam1:SimMode", "Offset&Noise")
    put("cam1:Noise", 50)
    put("cam1:DataType", data_type)
    # settled: the readbacks of the last frame have reached camera and both plugins
    wait_for(lambda: epics.caget(P + "cam1:DetectorState_RBV") == 0
             and epics.caget(P + "cam1:UniqueId_RBV") == epics.caget(P + "image1:UniqueId_RBV")
             == epics.caget(P + "Pva1:UniqueId_RBV"), "camera and plugins idle")
    first = epics.caget(P + "cam1:UniqueId_RBV") + 1
    ca_frames = []
    waveform = epics.PV(P + "image1:ArrayData", auto_monitor=True,
                        callback=lambda value=None, **kw: ca_frames.append(np.array(value, dtype=np.float64)))
    wait_for(lambda: len(ca_frames) >= 1, "the waveform's first monitor value")
    ca_frames.clear()
    rec = subprocess.Popen(java_cmd + [str(UDP), CHANNEL, str(first), str(FRAMES), str(tmp_path), "60"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = rec.stdout.readline()
        assert line.strip() == "READY", line + rec.stdout.read()
        ca = {}
        for i in range(FRAMES):
            # Single mode: one frame per put-callback, and the CA monitor sees each frame before the next one
            put("cam1:Acquire", 1)
            wait_for(lambda: len(ca_frames) == i + 1, f"CA frame {first + i}")
            ca[first + i] = ca_frames[i]
            # and the PVA monitor has it too: a pvAccess server sends a slow client only the newest value
            wait_for(lambda: (tmp_path / f"{first + i}.bin").exists(), f"PVA frame {first + i}", timeout=30)
        wait_for(lambda: epics.caget(P + "image1:UniqueId_RBV") == first + FRAMES - 1, "image1 UniqueId_RBV")
        assert len(ca_frames) == FRAMES
        assert rec.wait(timeout=60) == 0, rec.stdout.read()
    finally:
        waveform.clear_callbacks()
        waveform.disconnect()
        if rec.poll() is None:
            rec.kill()
            rec.wait()
    lines = (tmp_path / "frames.txt").read_text().split("\n")
    frames = [ln.split() for ln in lines if ln]
    assert sorted(int(f[0]) for f in frames) == sorted(ca)
    previous = None
    for uid, member, dims in frames:
        assert member == MEMBER[data_type]
        assert [int(d) for d in dims.split(",")] == [64, 48]
        pixels = np.fromfile(tmp_path / f"{uid}.bin", dtype=DTYPES[member])
        assert pixels.size == 64 * 48
        np.testing.assert_array_equal(pixels.astype(np.float64), ca[int(uid)])
        if previous is not None:
            assert not np.array_equal(pixels, previous)  # noise: each frame differs, so a wrong pairing fails
        previous = pixels
