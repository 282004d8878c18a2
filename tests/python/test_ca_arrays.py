"""Arrays with libca: several types and sizes, 1,000,000 elements, subArrays fed through a fanout."""
import numpy as np
import pytest
from epics import caget, caput


@pytest.mark.parametrize("n", [128, 2048, 65536])
@pytest.mark.parametrize("kind,dtype", [("uchar", np.uint8), ("double", np.float64), ("long", np.int32)])
def test_numeric_waveforms_round_trip(pv, kind, dtype, n):
    name = f"{kind}{n}"
    data = (np.arange(n) % 200).astype(dtype)
    assert caput(pv(name), data, wait=True) == 1
    got = caget(pv(name))
    assert len(got) == n
    assert np.array_equal(np.asarray(got, dtype=dtype), data)


@pytest.mark.parametrize("n", [128, 2048, 65536])
def test_string_waveform(pv, n):
    words = ["alpha", "beta", "gamma"]
    assert caput(pv(f"string{n}"), words, wait=True) == 1
    got = caget(pv(f"string{n}"), count=3)
    assert list(got) == words


@pytest.mark.parametrize("name,dtype", [("double1M", np.float64), ("short1M", np.int16)])
def test_one_million_elements(pv, name, dtype):
    data = (np.arange(1_000_000) % 30000).astype(dtype)
    assert caput(pv(name), data, wait=True, timeout=60) == 1
    got = caget(pv(name), timeout=30)
    assert got is not None and len(got) == 1_000_000
    assert np.array_equal(np.asarray(got, dtype=dtype), data)


def test_four_subarrays_fed_by_one_waveform_through_fanout(pv):
    data = np.arange(40, dtype=float) * 1.5
    assert caput(pv("source"), data, wait=True) == 1
    for i in range(4):
        got = caget(pv(f"sub{i}"))
        assert np.allclose(np.asarray(got)[:10], data[10 * i:10 * i + 10]), i
