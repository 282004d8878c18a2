package org.jioc.areadetector.hdf5;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import org.jioc.areadetector.NDDataType;
import org.jioc.datafile.JhdfLog;

/**
 * Writes one HDF5 file from a run of same-shape spooled frames with jHDF, in areaDetector's default layout (see
 * docs/hdf5-capture.md): {@code /entry/data/data} (N, Y, X) chunked one frame per chunk, and
 * {@code /entry/instrument/NDAttributes}. jHDF lays the file out at close, so it is written to a hidden temporary
 * name in the target directory (a leftover one deleted first: jHDF does not truncate), synced, re-opened to check it,
 * and renamed over the target atomically.
 */
final class Hdf5FrameFile {
    static final String[] STANDARD = {"NDArrayUniqueId", "NDArrayTimeStamp", "NDArrayEpicsTSSec", "NDArrayEpicsTSnSec"};

    /**
     * Re-opening a file jHDF wrote makes jHDF's reader warn "After reading message (AttributeMessage) buffer still
     * has N bytes remaining" (padding its writer adds; h5dump and h5py read the attributes fine): quiet unless that
     * logger was configured.
     */
    private static final Logger LOG = Logger.getLogger(Hdf5FrameFile.class.getName());
    private static final Logger JHDF_MESSAGES = Logger.getLogger("io.jhdf.object.message.Message");

    static {
        if (JHDF_MESSAGES.getLevel() == null) JHDF_MESSAGES.setLevel(Level.SEVERE);
    }

    private Hdf5FrameFile() {}

    static void write(SpoolReader spool, List<SpoolReader.Entry> frames, Path target, Compression compression, int zLevel) {
        JhdfLog.install();
        Path file = target.toAbsolutePath();
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            long t0 = System.nanoTime();
            Object data = pixels(spool, frames);
            long t1 = System.nanoTime();
            try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                layout(h5, frames, data, compression, zLevel);
            }
            long t2 = System.nanoTime();
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            long t3 = System.nanoTime();
            check(tmp, frames);
            long t4 = System.nanoTime();
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(String.format("%s: %d frames: read spool %.3f s, jHDF %.3f s, sync %.3f s, check %.3f s", file,
                        frames.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9));
            }
            // replaces an old target in one step (jHDF's no-truncate problem only concerns the file it writes: tmp)
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            SpoolIo.syncDirectory(file.getParent());
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failure is reported
            }
            if (e instanceof CaptureSpoolException c) throw c;
            throw new CaptureSpoolException("cannot write " + file + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    /** (N, dims[rank-1], ..., dims[0]) array of the frames' Java element type, filled from the spool. */
    private static Object pixels(SpoolReader spool, List<SpoolReader.Entry> frames) {
        SpoolReader.Entry first = frames.get(0);
        int[] d = first.dims();
        int rank = d.length;
        int[] shape = new int[rank + 1];
        shape[0] = frames.size();
        for (int i = 0; i < rank; i++) shape[i + 1] = d[rank - 1 - i];
        Object all = Array.newInstance(elementClass(first.dataType()), shape);
        ByteBuffer buf = ByteBuffer.allocate(first.dataLength()).order(ByteOrder.LITTLE_ENDIAN);
        int rowLen = d[0];
        for (int n = 0; n < frames.size(); n++) {
            buf.clear();
            spool.data(frames.get(n), buf);
            buf.flip();
            Object frame = Array.get(all, n);
            fillRows(frame, rank, buf, first.dataType(), rowLen);
        }
        return all;
    }

    private static void fillRows(Object arr, int depth, ByteBuffer buf, NDDataType type, int rowLen) {
        if (depth == 1) {
            switch (type) {
                case Int8, UInt8 -> buf.get((byte[]) arr);
                case Int16, UInt16 -> { buf.asShortBuffer().get((short[]) arr); buf.position(buf.position() + rowLen * 2); }
                case Int32, UInt32 -> { buf.asIntBuffer().get((int[]) arr); buf.position(buf.position() + rowLen * 4); }
                case Int64, UInt64 -> { buf.asLongBuffer().get((long[]) arr); buf.position(buf.position() + rowLen * 8); }
                case Float32 -> { buf.asFloatBuffer().get((float[]) arr); buf.position(buf.position() + rowLen * 4); }
                case Float64 -> { buf.asDoubleBuffer().get((double[]) arr); buf.position(buf.position() + rowLen * 8); }
            }
            return;
        }
        int n = Array.getLength(arr);
        for (int i = 0; i < n; i++) fillRows(Array.get(arr, i), depth - 1, buf, type, rowLen);
    }

    static Class<?> elementClass(NDDataType t) {
        return switch (t) {
            case Int8, UInt8 -> byte.class;
            case Int16, UInt16 -> short.class;
            case Int32, UInt32 -> int.class;
            case Int64, UInt64 -> long.class;
            case Float32 -> float.class;
            case Float64 -> double.class;
        };
    }

    private static void layout(WritableHdfFile h5, List<SpoolReader.Entry> frames, Object data, Compression compression, int zLevel) {
        SpoolReader.Entry first = frames.get(0);
        h5.putAttribute("default", "entry");
        WritableGroup entry = group(h5, "entry", "NXentry");
        entry.putAttribute("default", "data");
        WritableGroup dataGroup = group(entry, "data", "NXdata");
        dataGroup.putAttribute("signal", "data");

        int[] chunk = new int[first.dims().length + 1];
        chunk[0] = 1;
        for (int i = 0; i < first.dims().length; i++) chunk[i + 1] = first.dims()[first.dims().length - 1 - i];
        DatasetCreationOptions.Builder opts = DatasetCreationOptions.builder().chunkDimensions(chunk);
        if (first.dataType().unsigned) opts.unsigned();
        switch (compression) {
            case NONE -> { }
            case ZLIB -> opts.deflate(zLevel);
            case LZ4 -> opts.filter(new Lz4H5Filter());
        }
        dataGroup.putDataset("data", data, opts.build()).putAttribute("signal", 1);

        WritableGroup instrument = group(entry, "instrument", "NXinstrument");
        WritableGroup attrs = group(instrument, "NDAttributes", "NXcollection");
        int n = frames.size();
        int[] uid = new int[n];
        double[] ts = new double[n];
        int[] sec = new int[n];
        int[] nsec = new int[n];
        for (int i = 0; i < n; i++) {
            SpoolReader.Entry e = frames.get(i);
            uid[i] = e.uniqueId();
            ts[i] = e.timeStamp();
            sec[i] = (int) e.epicsTsSec();
            nsec[i] = e.epicsTsNsec();
        }
        attrs.putDataset("NDArrayUniqueId", uid);
        attrs.putDataset("NDArrayTimeStamp", ts);
        DatasetCreationOptions u = DatasetCreationOptions.builder().unsigned().build();
        attrs.putDataset("NDArrayEpicsTSSec", sec, u);
        attrs.putDataset("NDArrayEpicsTSnSec", nsec, u);
        for (Map.Entry<String, Object> a : frameAttributes(frames).entrySet()) attrs.putDataset(a.getKey(), a.getValue());
    }

    /**
     * One array per attribute name (first-seen order), typed by the first value seen: long[], double[] or String[].
     * A frame lacking the attribute, or with a value of another kind, gets 0, NaN or "" (a number is converted).
     */
    private static Map<String, Object> frameAttributes(List<SpoolReader.Entry> frames) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = frames.size();
        for (int i = 0; i < n; i++) {
            for (FrameAttribute a : frames.get(i).attributes()) {
                if (List.of(STANDARD).contains(a.name())) continue;
                Object arr = out.computeIfAbsent(a.name(), k -> newColumn(a.value(), n));
                Object v = a.value();
                if (arr instanceof long[] l) {
                    if (v instanceof Number num) l[i] = num.longValue();
                } else if (arr instanceof double[] d) {
                    if (v instanceof Number num) d[i] = num.doubleValue();
                } else {
                    ((String[]) arr)[i] = String.valueOf(v);
                }
            }
        }
        return out;
    }

    private static Object newColumn(Object first, int n) {
        if (first instanceof Long) return new long[n];
        if (first instanceof Double) {
            double[] x = new double[n];
            java.util.Arrays.fill(x, Double.NaN);
            return x;
        }
        String[] x = new String[n];
        java.util.Arrays.fill(x, "");
        return x;
    }

    private static WritableGroup group(WritableGroup parent, String name, String nxClass) {
        WritableGroup g = parent.putGroup(name);
        g.putAttribute("NX_class", nxClass);
        return g;
    }

    /** Re-opens the written file: the frame dataset has N frames and the unique ids are the spooled ones. */
    private static void check(Path tmp, List<SpoolReader.Entry> frames) {
        try (HdfFile f = new HdfFile(tmp)) {
            Dataset d = f.getDatasetByPath("/entry/data/data");
            if (d.getDimensions()[0] != frames.size()) {
                throw new CaptureSpoolException(tmp + ": written file has " + d.getDimensions()[0] + " frames, expected " + frames.size());
            }
            int[] uid = (int[]) f.getDatasetByPath("/entry/instrument/NDAttributes/NDArrayUniqueId").getData();
            for (int i = 0; i < uid.length; i++) {
                if (uid[i] != frames.get(i).uniqueId()) throw new CaptureSpoolException(tmp + ": unique id mismatch at frame " + i);
            }
        }
    }
}
