"""Data files read by real readers: h5py reads the NeXus files, silx's SpecFile library (the C SpecFile code PyMca
uses) reads the SPEC file. No IOC is needed: the Java sample writer (ioc test classes, DataFileSamples) writes a 1-D
scan, a 2-D snake grid, an aborted scan and the breakpoint state of the 1-D scan into a temporary directory. The
expected values are recomputed here from the formulas in SampleRuns.java, not read from Java."""
import json
import os
import subprocess

import numpy as np
import pytest

from jioc_process import ROOT

h5py = pytest.importorskip("h5py", reason="Debian python3-h5py is not installed (scripts/test installs it)")
specfile = pytest.importorskip("silx.io.specfile", reason="silx is not unpacked into build/pydeps (scripts/test does it)")

T0 = 1_700_000_000.0


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    ioc = os.path.join(ROOT, "ioc", "target")
    classes = [os.path.join(ioc, "test-classes"), os.path.join(ioc, "classes")]
    if not all(os.path.isdir(c) for c in classes) or not os.path.isdir(os.path.join(ioc, "lib")):
        pytest.fail("ioc/target has no compiled classes and lib/: run `mvn -B package` first (scripts/test does)")
    out = tmp_path_factory.mktemp("datafiles")
    cp = os.pathsep.join(classes + [os.path.join(ioc, "lib", "*")])
    run = subprocess.run(["java", "-cp", cp, "org.jioc.datafile.DataFileSamples", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == "", "the writers log nothing in normal operation (jHDF's alpha warning is hidden): " + run.stderr
    return out


def text(v):
    return v.decode() if isinstance(v, (bytes, np.bytes_)) else str(v)


def snake_order(shape, snake):
    """bluesky snake_cyclers for a 2-D grid: indices of every point in scan order."""
    order = []
    for i in range(shape[0]):
        inner = range(shape[1])
        if snake[1] and i % 2 == 1:
            inner = reversed(inner)
        order += [(i, j) for j in inner]
    return order


def assert_nx_classes(f):
    seen = []

    def visit(name, obj):
        if isinstance(obj, h5py.Group):
            assert "NX_class" in obj.attrs, f"group {name} has no NX_class"
            seen.append(text(obj.attrs["NX_class"]))
    assert text(f.attrs["NX_class"]) == "NXroot"
    f.visititems(visit)
    return seen


def assert_signal_and_axes_resolve(data):
    signal = text(data.attrs["signal"])
    axes = [text(a) for a in data.attrs["axes"]]
    assert signal in data, f"signal {signal} is not in NXdata"
    for dim, axis in enumerate(axes):
        assert axis in data, f"axis {axis} is not in NXdata"
        assert int(data.attrs[f"{axis}_indices"]) == dim
        assert data[axis].shape == (data[signal].shape[dim],)
    return signal, axes


def test_nexus_line_scan(samples):
    m1 = np.linspace(-1, 1, 11)
    with h5py.File(samples / "line.h5", "r") as f:
        classes = assert_nx_classes(f)
        for c in ("NXentry", "NXinstrument", "NXdata", "NXpositioner", "NXdetector", "NXcollection", "NXnote"):
            assert c in classes
        e = f["entry"]
        assert text(e["entry_identifier"][()]) == "uid-line-0001"
        assert int(e["scan_id"][()]) == 1
        assert text(e["exit_status"][()]) == "success"
        assert text(e["start_time"][()]).startswith("2023-11-14T")
        assert text(e["title"][()]) == "S1  scan(detectors=['I0', 'diode', 'spectrum'], num=11, args=['m1', -1.0, 1.0], per_step=None)"
        data = e["data"]
        signal, axes = assert_signal_and_axes_resolve(data)
        assert (signal, axes) == ("I0", ["m1"])
        np.testing.assert_allclose(data["m1"][()], m1)
        np.testing.assert_allclose(data["I0"][()], 1000 + np.arange(11))
        np.testing.assert_allclose(data["diode"][()], 100 * m1 ** 2)
        np.testing.assert_allclose(data["m1_rbv"][()], m1 + 0.001)
        np.testing.assert_allclose(data["elapsed_time"][()], 0.5 * np.arange(11))
        assert data["spectrum"].shape == (11, 8)
        np.testing.assert_allclose(data["spectrum"][()], 10 * np.arange(11)[:, None] + np.arange(8)[None, :])
        assert text(data["I0"].attrs["units"]) == "counts"
        inst = e["instrument"]
        np.testing.assert_allclose(inst["m1/target_value"][()], m1)
        assert text(inst["m1/pv"][()]) == "jioc:m1"
        assert float(inst["m1/start_position"][()]) == 0.25
        assert text(inst["I0/pv"][()]) == "jioc:scaler1.S2"
        np.testing.assert_allclose(inst["I0/data"][()], data["I0"][()])
        assert text(inst["readbacks/m1_rbv"].attrs["pv"]) == "jioc:m1.RBV"
        np.testing.assert_allclose(e["point_time"][()], T0 + 0.5 * np.arange(11))
        extras = inst["extra_pvs"]
        assert float(extras["start/ring_current"][()]) == 102.5
        assert text(extras["start/ring_current"].attrs["units"]) == "mA"
        assert text(extras["start/sample_name"][()]) == "Si wafer"
        assert float(extras["break_001/ring_current"][()]) == 101.5
        assert int(extras["break_001"].attrs["after_points"]) == 5
        images = inst["image_files"]
        assert [text(p) for p in images["file_path"][()]] == ["/data/ad/line_001.h5", "/data/ad/line_002.h5"]
        assert [text(p) for p in images["dataset"][()]] == ["/entry/data/data"] * 2
        assert list(images["first_point"][()]) == [0, 5] and list(images["last_point"][()]) == [4, 10]
        assert list(images["first_frame"][()]) == [0, 0] and list(images["last_frame"][()]) == [4, 5]
        start = json.loads(text(e["start_document/data"][()]))
        assert text(e["start_document/type"][()]) == "application/json"
        for key in ("uid", "scan_id", "plan_name", "plan_args", "motors", "detectors", "num_points", "hints", "time"):
            assert key in start, key
        assert start["plan_name"] == "scan" and start["num_points"] == 11 and start["motors"] == ["m1"]
        assert start["hints"]["dimensions"] == [[["m1"], "primary"]]
        assert start["sample"] == "Si wafer"
        stop = json.loads(text(e["stop_document/data"][()]))
        assert stop["exit_status"] == "success" and stop["num_events"] == {"primary": 11}


def test_nexus_snake_grid(samples):
    a, b = np.linspace(0, 2, 3), np.linspace(10, 13, 4)
    with h5py.File(samples / "grid.h5", "r") as f:
        assert_nx_classes(f)
        data = f["entry/data"]
        signal, axes = assert_signal_and_axes_resolve(data)
        assert (signal, axes) == ("det", ["m1", "m2"])
        assert data["det"].shape == (3, 4)
        np.testing.assert_allclose(data["m1"][()], a)
        np.testing.assert_allclose(data["m2"][()], b)
        np.testing.assert_allclose(data["det"][()], 100 * a[:, None] + b[None, :])
        # the time each cell was measured follows bluesky's snake order
        elapsed = data["elapsed_time"][()]
        for p, (i, j) in enumerate(snake_order((3, 4), (False, True))):
            assert elapsed[i, j] == p
        # the flat per-point arrays are in scan order
        order = snake_order((3, 4), (False, True))
        np.testing.assert_allclose(f["entry/instrument/m2/target_value"][()], [b[j] for _, j in order])
        np.testing.assert_allclose(f["entry/instrument/det/data"][()], [100 * a[i] + b[j] for i, j in order])
        assert list(f["entry/plan/shape"][()]) == [3, 4]
        assert list(f["entry/plan/snake"][()]) == [0, 1]
        start = json.loads(text(f["entry/start_document/data"][()]))
        assert start["hints"]["dimensions"] == [[["m1"], "primary"], [["m2"], "primary"]]
        assert start["hints"]["gridding"] == "rectilinear"


def test_nexus_aborted_and_breakpoint(samples):
    with h5py.File(samples / "aborted.h5", "r") as f:
        e = f["entry"]
        assert text(e["exit_status"][()]) == "abort"
        assert text(e["exit_reason"][()]) == "abort requested by user"
        assert int(e["num_points"][()]) == 20 and int(e["points_done"][()]) == 7
        np.testing.assert_allclose(e["data/det"][()], 2 * np.arange(7))
        np.testing.assert_allclose(e["data/m1"][()], np.arange(7))
    with h5py.File(samples / "partial.h5", "r") as f:
        e = f["entry"]
        assert text(e["exit_status"][()]) == "in progress"
        assert "end_time" not in e and "stop_document" not in e
        assert int(e["points_done"][()]) == 5
        np.testing.assert_allclose(e["data/I0"][()], 1000 + np.arange(5))
        assert [text(p) for p in e["instrument/image_files/file_path"][()]] == ["/data/ad/line_001.h5"]
    leftovers = [p.name for p in samples.iterdir() if p.name.startswith(".")]
    assert leftovers == [], f"temporary files left: {leftovers}"


def test_spec_file_with_silx(samples):
    sf = specfile.SpecFile(str(samples / "scans.dat"))
    assert sf.keys() == ["1.1", "2.1", "3.1"]
    line, grid, aborted = sf[0], sf[1], sf[2]

    m1 = np.linspace(-1, 1, 11)
    assert line.labels == ["m1", "Epoch", "Epoch_float", "m1_rbv", "diode", "I0"]
    assert line.data.shape == (6, 11)
    np.testing.assert_allclose(line.data_column_by_name("m1"), m1)
    np.testing.assert_allclose(line.data_column_by_name("Epoch_float"), 0.5 * np.arange(11))
    np.testing.assert_allclose(line.data_column_by_name("m1_rbv"), m1 + 0.001)
    np.testing.assert_allclose(line.data_column_by_name("diode"), 100 * m1 ** 2)
    np.testing.assert_allclose(line.data[-1], 1000 + np.arange(11))
    assert line.motor_names == ["m1"] and line.motor_positions == [0.25]
    assert line.scan_header_dict["S"] == "1  scan(detectors=['I0', 'diode', 'spectrum'], num=11, args=['m1', -1.0, 1.0], per_step=None)"
    comments = [h for h in line.header if h.startswith("#C")]
    assert any("uid = uid-line-0001" in c for c in comments)
    assert any("resource {'spec': 'AD_HDF5', 'resource_path': '/data/ad/line_001.h5'" in c for c in comments)
    assert any("resource {'spec': 'AD_HDF5', 'resource_path': '/data/ad/line_002.h5'" in c for c in comments)
    assert comments[-1].endswith("exit_status = success")
    assert line.file_header_dict["C"].startswith("jioc  user = tester")

    a, b = np.linspace(0, 2, 3), np.linspace(10, 13, 4)
    order = snake_order((3, 4), (False, True))
    assert grid.labels == ["m1", "m2", "Epoch", "Epoch_float", "det"]
    assert grid.motor_names == ["m1", "m2"] and grid.motor_positions == [0.0, 10.0]
    np.testing.assert_allclose(grid.data_column_by_name("m1"), [a[i] for i, _ in order])
    np.testing.assert_allclose(grid.data_column_by_name("m2"), [b[j] for _, j in order])
    np.testing.assert_allclose(grid.data_column_by_name("det"), [100 * a[i] + b[j] for i, j in order])

    assert aborted.labels == ["m1", "Epoch", "Epoch_float", "det"]
    assert aborted.data.shape == (4, 7)
    np.testing.assert_allclose(aborted.data_column_by_name("det"), 2 * np.arange(7))
    assert aborted.motor_names == ["m1"]
    assert aborted.header[-1].endswith("exit_status = abort")
    assert any("Scan aborted after 7 of 20 points" in h for h in aborted.header)


def test_spec_file_mid_scan_parses(samples):
    sf = specfile.SpecFile(str(samples / "partial.dat"))
    assert sf.keys() == ["1.1"]
    scan = sf[0]
    assert scan.labels == ["m1", "Epoch", "Epoch_float", "m1_rbv", "diode", "I0"]
    assert scan.data.shape == (6, 5)
    np.testing.assert_allclose(scan.data[-1], 1000 + np.arange(5))
    assert not any("exit_status" in h for h in scan.header)
