# Sourced by scripts/test and scripts/bench: make Debian's libca + pyepics (and h5py + silx for the data-file
# tests) usable by /usr/bin/python3.
# Debian's python3-pyepics hard-depends on the wxPython/GTK stack, so we install its light dependencies and unpack
# pyepics itself into build/pydeps (DESIGN.md §8).
jioc_python_deps() {
  local root=$1
  local need=()
  dpkg -s libca4.13.5 >/dev/null 2>&1 || need+=(libca4.13.5)
  dpkg -s python3-numpy >/dev/null 2>&1 || need+=(python3-numpy)
  dpkg -s python3-pytest >/dev/null 2>&1 || need+=(python3-pytest)
  # data file readers (tests/python/test_datafiles.py): h5py, and silx's SpecFile below
  dpkg -s python3-h5py >/dev/null 2>&1 || need+=(python3-h5py)
  # HDF5 capture tests (tests/python/test_hdf5_spool.py): the LZ4 filter plugin (id 32004) for h5py and h5dump, which
  # Debian's HDF5 finds in its default plugin directory, and h5dump itself
  dpkg -s hdf5-filter-plugin >/dev/null 2>&1 || need+=(hdf5-filter-plugin)
  dpkg -s hdf5-tools >/dev/null 2>&1 || need+=(hdf5-tools)
  if ((${#need[@]})); then
    echo "installing ${need[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
  fi
  local deps="$root/build/pydeps"
  if [[ ! -d "$deps/usr/lib/python3/dist-packages/epics" ]]; then
    mkdir -p "$deps/download"
    (cd "$deps/download" && { ls python3-pyepics_*.deb >/dev/null 2>&1 || apt-get download python3-pyepics >&2 || { apt-get update -qq >&2 && apt-get download python3-pyepics >&2; }; })
    dpkg -x "$deps"/download/python3-pyepics_*.deb "$deps"
  fi
  # silx: Debian's python3-silx pulls in Qt/OpenGL/OpenCL; silx.io.specfile needs only numpy and h5py, so the
  # package is unpacked like pyepics.
  if [[ ! -d "$deps/usr/lib/python3/dist-packages/silx" ]]; then
    mkdir -p "$deps/download"
    (cd "$deps/download" && { ls python3-silx_*.deb >/dev/null 2>&1 || apt-get download python3-silx >&2 || { apt-get update -qq >&2 && apt-get download python3-silx >&2; }; })
    dpkg -x "$deps"/download/python3-silx_*.deb "$deps"
  fi
  export PYTHONPATH="$deps/usr/lib/python3/dist-packages${PYTHONPATH:+:$PYTHONPATH}"
  export PYEPICS_LIBCA=$(ls /usr/lib/x86_64-linux-gnu/libca.so.* /usr/lib/*/libca.so.* 2>/dev/null | head -1)
  export JIOC_PYTHON=/usr/bin/python3
}
