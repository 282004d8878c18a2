"""HDF5 capture spool (org.jioc.areadetector.hdf5) read by real HDF5 readers: h5py (with the Debian LZ4 filter
plugin) and h5dump; kill -9 of a JVM while it spools, then recovery. Drives SpoolTool (no IOC needed); frames are
synthetic UInt16 with pixel (x, y) of frame id = (id*1000 + y*7 + x*13) mod 65536, so every pixel is checked."""
import os
import signal
import subprocess
import time
import zlib

import h5py
import numpy as np
import pytest

from jioc_process import ROOT

TARGET = ROOT / "ioc" / "target"
ATTRS = "/entry/instrument/NDAttributes/"


def tool_cmd(*args):
    if not (TARGET / "classes").is_dir() or not (TARGET / "lib").is_dir():
        pytest.fail("ioc/target has no compiled classes and lib/: run `mvn -B package` first (scripts/test does)")
    cp = f"{TARGET / 'classes'}:{TARGET / 'lib'}/*"
    return ["java", "-Xmx1g", "-cp", cp, "org.jioc.areadetector.hdf5.SpoolTool", *map(str, args)]


def run_tool(*args, check=True):
    p = subprocess.run(tool_cmd(*args), capture_output=True, text=True, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(f"SpoolTool {args} failed ({p.returncode}): {p.stderr}")
    return p


def expected(fid, h, w):
    y, x = np.mgrid[0:h, 0:w]
    return ((fid * 1000 + y * 7 + x * 13) % 65536).astype(np.uint16)


def text(v):
    """jHDF writes fixed-length strings (like areaDetector), which h5py returns as bytes."""
    return v.decode() if isinstance(v, bytes) else v


def files_of(stdout):
    return [(line.split()[1], int(line.split()[2])) for line in stdout.splitlines() if line.startswith("file ")]


def acked_of(stdout):
    """{id: crc32} of every frame reported as synced."""
    out = {}
    for line in stdout.splitlines():
        if line.startswith("acked "):
            for item in line.split()[2:]:
                fid, crc = item.split(":")
                out[int(fid)] = int(crc, 16)
    return out


@pytest.mark.parametrize("compression,filter_key", [("None", None), ("zlib", "gzip"), ("LZ4", "32004")])
def test_h5py_reads_frames(tmp_path, compression, filter_key):
    spool, out = tmp_path / "spool", tmp_path / "out"
    spool.mkdir()
    out.mkdir()
    p = run_tool("capture", spool, out, 6, 64, 48, compression)
    [(path, n)] = files_of(p.stdout)
    assert n == 6 and path == f"{out}/cap_000000.h5"
    assert not list(spool.iterdir()), "spool deleted after finalise"
    with h5py.File(path, "r") as f:
        d = f["/entry/data/data"]
        assert d.shape == (6, 48, 64)
        assert d.dtype == np.uint16
        assert d.chunks == (1, 48, 64)
        if filter_key is None:
            assert d.compression is None and not d._filters
        else:
            assert filter_key in d._filters
        for i in range(6):
            np.testing.assert_array_equal(d[i], expected(i + 1, 48, 64))
        np.testing.assert_array_equal(f[ATTRS + "NDArrayUniqueId"][()], np.arange(1, 7))
        assert f[ATTRS + "NDArrayUniqueId"].dtype == np.int32
        assert f[ATTRS + "NDArrayEpicsTSSec"].dtype == np.uint32
        assert f[ATTRS + "NDArrayEpicsTSnSec"].dtype == np.uint32
        np.testing.assert_array_equal(f[ATTRS + "NDArrayEpicsTSSec"][()], 1_000_000 + np.arange(1, 7))
        np.testing.assert_allclose(f[ATTRS + "NDArrayTimeStamp"][()], 1_000_000.5 + np.arange(1, 7))
        np.testing.assert_array_equal(f[ATTRS + "FrameIndex"][()], np.arange(1, 7))
        assert text(f["/entry"].attrs["NX_class"]) == "NXentry"
        assert text(f["/entry/data"].attrs["NX_class"]) == "NXdata"
        assert text(f["/entry/instrument"].attrs["NX_class"]) == "NXinstrument"
        assert text(f["/entry/instrument/NDAttributes"].attrs["NX_class"]) == "NXcollection"


def test_h5dump_shows_layout_and_decodes_lz4(tmp_path):
    (tmp_path / "s").mkdir()
    p = run_tool("capture", tmp_path / "s", tmp_path, 3, 32, 16, "LZ4")
    [(path, _)] = files_of(p.stdout)
    head = subprocess.run(["h5dump", "-H", "-p", path], capture_output=True, text=True, check=True).stdout
    for needle in ['GROUP "entry"', 'GROUP "data"', 'DATASET "data"', 'GROUP "instrument"', 'GROUP "NDAttributes"',
                   'DATASET "NDArrayUniqueId"', 'DATASET "NDArrayTimeStamp"', 'DATASET "NDArrayEpicsTSSec"',
                   'DATASET "NDArrayEpicsTSnSec"', "H5T_STD_U16LE", "( 3, 16, 32 )", "CHUNKED ( 1, 16, 32 )",
                   "FILTER_ID 32004"]:
        assert needle in head, needle
    # h5dump decodes the LZ4 chunks with the plugin: frame 2, row 1, first 3 pixels
    vals = subprocess.run(["h5dump", "-d", "/entry/data/data", "-s", "1,1,0", "-c", "1,1,3", "-y", "-w", "0", path],
                          capture_output=True, text=True, check=True).stdout
    data = vals[vals.index("DATA {"):].split("{", 1)[1].split("}")[0]
    assert [int(v) for v in data.replace(",", " ").split()] == list(expected(2, 16, 32)[1, :3])


def test_rollover_numbered_files(tmp_path):
    (tmp_path / "s").mkdir()
    p = run_tool("capture", tmp_path / "s", tmp_path, 7, 16, 8, "zlib", "--max-frames-per-file", 3)
    files = files_of(p.stdout)
    assert [(os.path.basename(f), n) for f, n in files] == [
        ("cap_000000.h5", 3), ("cap_000001.h5", 3), ("cap_000002.h5", 1)]
    ids = []
    for f, _ in files:
        with h5py.File(f, "r") as h:
            ids += list(h[ATTRS + "NDArrayUniqueId"][()])
            for k, fid in enumerate(h[ATTRS + "NDArrayUniqueId"][()]):
                np.testing.assert_array_equal(h["/entry/data/data"][k], expected(fid, 8, 16))
    assert ids == list(range(1, 8))


def test_missing_file_path_loses_no_frames(tmp_path):
    spool, missing = tmp_path / "spool", tmp_path / "no" / "such"
    spool.mkdir()
    p = run_tool("capture", spool, missing, 4, 16, 8, "LZ4", check=False)
    assert f"target-error FilePath {missing} does not exist (CreateDirectory=0)" in p.stdout
    assert p.returncode == 1 and f"FilePath {missing} does not exist" in p.stderr
    assert sorted(acked_of(p.stdout)) == [1, 2, 3, 4], "frames acknowledged although the FilePath is missing"
    assert len(list(spool.glob("*.spool"))) == 1, "sealed spool kept"
    r = run_tool("recover", spool)
    assert r.stdout.startswith("failed ") and "does not exist" in r.stdout
    missing.mkdir(parents=True)
    r = run_tool("recover", spool)
    assert r.stdout.startswith("recovered ") and " 4 sealed " in r.stdout, r.stdout
    with h5py.File(missing / "cap_000000.h5", "r") as f:
        np.testing.assert_array_equal(f[ATTRS + "NDArrayUniqueId"][()], [1, 2, 3, 4])


def test_kill9_while_spooling_then_recovery(tmp_path):
    """200 frames of 1024x1024 UInt16, synced every frame; kill -9 after at least 40 are acknowledged; recovery
    must put every acknowledged frame, bit for bit (CRC-32 of its bytes), into valid HDF5 files."""
    spool, out = tmp_path / "spool", tmp_path / "out"
    spool.mkdir()
    out.mkdir()
    proc = subprocess.Popen(tool_cmd("capture", spool, out, 200, 1024, 1024, "LZ4", "--pattern", "noisy",
                                     "--max-frames-per-file", 64), stdout=subprocess.PIPE, text=True)
    lines = []
    acked = 0
    try:
        deadline = time.monotonic() + 120
        while acked < 40 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("acked "):
                acked = int(line.split()[1])
        assert acked >= 40, "".join(lines[-5:])
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        # lines already printed before the kill are still in the pipe
        rest = proc.stdout.read()
        proc.wait()
    stdout = "".join(lines) + rest
    assert proc.returncode == -signal.SIGKILL
    assert not any(line.startswith("file ") for line in stdout.splitlines()), "killed before finalising"
    synced = acked_of(stdout)
    assert len(synced) >= 40 and len(synced) < 200
    assert len(list(spool.glob("*.spool"))) == 1

    r = run_tool("recover", spool)
    [line] = r.stdout.splitlines()
    assert line.startswith("recovered ") and " unsealed " in line, line
    recovered = int(line.split()[2])
    assert recovered >= len(synced)
    files = line.split()[4:]
    assert len(files) == (recovered + 63) // 64
    found = {}
    for f in files:
        with h5py.File(f, "r") as h:
            d = h["/entry/data/data"]
            assert d.dtype == np.uint16 and d.shape[1:] == (1024, 1024)
            for k, fid in enumerate(h[ATTRS + "NDArrayUniqueId"][()]):
                found[int(fid)] = zlib.crc32(d[k].astype("<u2").tobytes())
    assert sorted(found) == list(range(1, recovered + 1))
    for fid, crc in synced.items():
        assert found[fid] == crc, f"frame {fid} differs from what was spooled"
    assert not list(spool.glob("*.spool")), "recovered spool deleted"
