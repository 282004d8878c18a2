package org.jioc.datafile;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;

/**
 * Writes a run as one NeXus HDF5 file with jHDF (layout in docs/datafiles.md). jHDF lays the whole file out at
 * close and a crash before that leaves garbage, so the file is written under a temporary name in the same
 * directory, synced, and renamed over the target in one atomic step: readers see the previous complete version or
 * the new one, never a torn file. A breakpoint simply writes the file again with the points so far.
 */
public final class NexusWriter {
    private final ZoneId zone;

    public NexusWriter(ZoneId zone) { this.zone = zone; }

    public NexusWriter() { this(ZoneId.systemDefault()); }

    public void write(RunSnapshot run, Path target) {
        JhdfLog.install();
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            // jHDF opens without TRUNCATE: a leftover temp file would keep its old tail.
            Files.deleteIfExists(tmp);
            try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                build(h5, run, file.getFileName().toString());
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            if (e instanceof DataFileException d) throw d;
            throw new DataFileException("cannot write NeXus file " + file + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    private String iso(double epochSeconds) {
        long ms = Math.round(epochSeconds * 1000.0);
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    private void build(WritableHdfFile h5, RunSnapshot run, String fileName) {
        RunStart start = run.start();
        RunStop stop = run.stop();
        h5.putAttribute("NX_class", "NXroot");
        h5.putAttribute("default", "entry");
        h5.putAttribute("file_name", fileName);
        h5.putAttribute("file_time", iso(stop != null ? stop.time() : System.currentTimeMillis() / 1000.0));
        h5.putAttribute("creator", "jioc");

        WritableGroup entry = group(h5, "entry", "NXentry");
        entry.putAttribute("default", "data");
        entry.putDataset("title", "S" + start.scanId() + "  " + SpecText.command(start));
        entry.putDataset("entry_identifier", start.uid());
        entry.putDataset("scan_id", start.scanId());
        entry.putDataset("plan_name", start.planName());
        entry.putDataset("program_name", "jioc");
        entry.putDataset("start_time", iso(start.time()));
        entry.putDataset("num_points", start.numPoints());
        entry.putDataset("points_done", run.pointCount());
        entry.putDataset("exit_status", stop == null ? "in progress" : stop.exitStatus().word());
        if (stop != null) {
            entry.putDataset("end_time", iso(stop.time()));
            entry.putDataset("duration", stop.time() - start.time()).putAttribute("units", "s");
            entry.putDataset("exit_reason", stop.reason());
        }
        note(entry, "start_document", start.json());
        if (stop != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run_start", start.uid());
            doc.put("time", stop.time());
            doc.put("exit_status", stop.exitStatus().word());
            doc.put("reason", stop.reason());
            doc.put("num_events", Map.of("primary", stop.numPoints()));
            note(entry, "stop_document", RunStart.toJson(doc));
        }
        WritableGroup plan = group(entry, "plan", "NXcollection");
        plan.putDataset("plan_name", start.planName());
        plan.putDataset("plan_args", RunStart.toJson(start.planArgs()));
        plan.putDataset("hints", RunStart.toJson(start.document().get("hints")));
        if (!start.motors().isEmpty()) plan.putDataset("motors", start.motors().toArray(new String[0]));
        if (!start.detectors().isEmpty()) plan.putDataset("detectors", start.detectors().toArray(new String[0]));
        plan.putDataset("num_points", start.numPoints());
        plan.putDataset("shape", run.grid().shape());
        plan.putDataset("snake", toInts(run.grid().snake()));

        instrument(entry, run);
        data(entry, run);
    }

    private void instrument(WritableGroup entry, RunSnapshot run) {
        WritableGroup inst = group(entry, "instrument", "NXinstrument");
        for (int p = 0; p < run.positioners().size(); p++) {
            Positioner pos = run.positioners().get(p);
            WritableGroup g = group(inst, pos.name(), "NXpositioner");
            describe(g, pos.column());
            units(put(g, "target_value", run.desired(p)), pos.column());
            units(g.putDataset("start_position", pos.startPosition()), pos.column());
            g.putDataset("dimension", pos.dimension());
        }
        if (!run.readbacks().isEmpty()) {
            WritableGroup rb = group(inst, "readbacks", "NXcollection");
            for (int r = 0; r < run.readbacks().size(); r++) column(put(rb, run.readbacks().get(r).name(), run.readback(r)), run.readbacks().get(r));
        }
        for (int d = 0; d < run.detectors().size(); d++) {
            Detector det = run.detectors().get(d);
            WritableGroup g = group(inst, det.name(), "NXdetector");
            describe(g, det.column());
            units(put(g, "data", det.isArray() ? run.array(d) : run.scalar(d)), det.column());
        }
        WritableDataset time = put(entry, "point_time", run.times());
        if (time != null) {
            time.putAttribute("units", "s");
            time.putAttribute("description", "POSIX time of each point");
        }
        if (!run.extraPvs().isEmpty()) {
            WritableGroup extras = group(inst, "extra_pvs", "NXcollection");
            for (ExtraPvSnapshot s : run.extraPvs()) {
                WritableGroup g = group(extras, s.label(), "NXcollection");
                g.putAttribute("time", iso(s.time()));
                g.putAttribute("after_points", s.afterPoints());
                for (ExtraPv v : s.values()) {
                    WritableDataset ds = put(g, v.name(), v.value());
                    if (ds == null) continue;
                    ds.putAttribute("pv", v.pv());
                    if (!v.units().isEmpty()) ds.putAttribute("units", v.units());
                    if (!v.description().isEmpty()) ds.putAttribute("description", v.description());
                }
            }
        }
        if (!run.images().isEmpty()) {
            // jHDF cannot write external links: the references are tables, one row per file and point range.
            List<ImageFileRef> refs = run.images();
            WritableGroup g = group(inst, "image_files", "NXcollection");
            g.putAttribute("description", "area-detector files: points first_point..last_point are frames "
                    + "first_frame..last_frame (inclusive, 0-based) of dataset in file_path");
            g.putDataset("file_path", refs.stream().map(ImageFileRef::path).toArray(String[]::new));
            g.putDataset("dataset", refs.stream().map(r -> r.dataset().isEmpty() ? "." : r.dataset()).toArray(String[]::new));
            g.putDataset("first_point", refs.stream().mapToInt(ImageFileRef::firstPoint).toArray());
            g.putDataset("last_point", refs.stream().mapToInt(ImageFileRef::lastPoint).toArray());
            g.putDataset("first_frame", refs.stream().mapToLong(ImageFileRef::firstFrame).toArray());
            g.putDataset("last_frame", refs.stream().mapToLong(ImageFileRef::lastFrame).toArray());
        }
    }

    /**
     * NXdata: a 1-D scan holds the collected points; a multi-dimensional scan holds arrays of the grid's shape, NaN
     * where no point was measured yet, with one axis dataset per positioner (its positions along its dimension).
     */
    private void data(WritableGroup entry, RunSnapshot run) {
        WritableGroup data = group(entry, "data", "NXdata");
        ScanGrid grid = run.grid();
        boolean multi = grid.rank() > 1;
        int n = run.pointCount();
        // jHDF cannot write empty datasets: before the first point of a 1-D scan NXdata stays empty
        if (n == 0 && !multi) return;
        String[] axes = new String[grid.rank()];
        Arrays.fill(axes, ".");
        for (int p = 0; p < run.positioners().size(); p++) {
            Positioner pos = run.positioners().get(p);
            double[] values = multi ? axisValues(pos, grid) : run.desired(p);
            units(data.putDataset(pos.name(), values), pos.column());
            data.putAttribute(pos.name() + "_indices", pos.dimension());
            if (axes[pos.dimension()].equals(".")) axes[pos.dimension()] = pos.name();
        }
        double[] rel = run.times();
        for (int i = 0; i < n; i++) rel[i] -= run.start().time();
        data.putDataset("elapsed_time", multi ? gridded(rel, grid, n) : rel).putAttribute("units", "s");
        if (!multi && axes[0].equals(".")) {
            axes[0] = "elapsed_time";
            data.putAttribute("elapsed_time_indices", 0);
        }
        for (int r = 0; r < run.readbacks().size(); r++)
            units(data.putDataset(run.readbacks().get(r).name(), multi ? gridded(run.readback(r), grid, n) : run.readback(r)),
                    run.readbacks().get(r));
        String signal = null;
        for (int d = 0; d < run.detectors().size(); d++) {
            Detector det = run.detectors().get(d);
            Object values = det.isArray() ? (multi ? griddedRows(run.array(d), grid, n, det.length()) : run.array(d))
                    : (multi ? gridded(run.scalar(d), grid, n) : run.scalar(d));
            units(data.putDataset(det.name(), values), det.column());
            if (signal == null && !det.isArray()) signal = det.name();
        }
        if (signal == null && !run.detectors().isEmpty()) signal = run.detectors().get(0).name();
        if (signal == null && !run.readbacks().isEmpty()) signal = run.readbacks().get(0).name();
        if (signal == null) signal = "elapsed_time";
        data.putAttribute("signal", signal);
        data.putAttribute("axes", axes);
    }

    /** Positions of {@code pos} along its dimension, taken from the first planned point at each index. */
    private static double[] axisValues(Positioner pos, ScanGrid grid) {
        int len = grid.shape()[pos.dimension()];
        double[] v = new double[len];
        Arrays.fill(v, Double.NaN);
        for (int p = 0, found = 0; p < grid.size() && found < len; p++) {
            int k = grid.index(p)[pos.dimension()];
            if (Double.isNaN(v[k])) {
                v[k] = pos.desired()[p];
                found++;
            }
        }
        return v;
    }

    private static Object gridded(double[] flat, ScanGrid grid, int n) {
        double[] all = new double[grid.size()];
        Arrays.fill(all, Double.NaN);
        for (int p = 0; p < n; p++) all[grid.offset(p)] = flat[p];
        Object out = Array.newInstance(double.class, grid.shape());
        fill(out, all, new int[] {0});
        return out;
    }

    private static Object griddedRows(double[][] rows, ScanGrid grid, int n, int len) {
        int[] dims = Arrays.copyOf(grid.shape(), grid.rank() + 1);
        dims[grid.rank()] = len;
        double[] all = new double[grid.size() * len];
        Arrays.fill(all, Double.NaN);
        for (int p = 0; p < n; p++) System.arraycopy(rows[p], 0, all, grid.offset(p) * len, len);
        Object out = Array.newInstance(double.class, dims);
        fill(out, all, new int[] {0});
        return out;
    }

    private static void fill(Object array, double[] flat, int[] pos) {
        if (array instanceof double[] row) {
            System.arraycopy(flat, pos[0], row, 0, row.length);
            pos[0] += row.length;
            return;
        }
        for (int i = 0; i < Array.getLength(array); i++) fill(Array.get(array, i), flat, pos);
    }

    private static int[] toInts(boolean[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[i] ? 1 : 0;
        return out;
    }

    /** putDataset, except that an empty array (which jHDF cannot write) is left out: returns null then. */
    private static WritableDataset put(WritableGroup g, String name, Object data) {
        if (data.getClass().isArray() && Array.getLength(data) == 0) return null;
        return g.putDataset(name, data);
    }

    private static WritableGroup group(WritableGroup parent, String name, String nxClass) {
        WritableGroup g = parent.putGroup(name);
        g.putAttribute("NX_class", nxClass);
        return g;
    }

    private static void note(WritableGroup parent, String name, String json) {
        WritableGroup g = group(parent, name, "NXnote");
        g.putDataset("type", "application/json");
        g.putDataset("data", json);
    }

    private static void describe(WritableGroup g, Column c) {
        g.putDataset("name", c.name());
        if (!c.pv().isEmpty()) g.putDataset("pv", c.pv());
        if (!c.description().isEmpty()) g.putDataset("description", c.description());
    }

    private static <T extends WritableNode> T units(T ds, Column c) {
        if (ds == null) return null;
        if (!c.units().isEmpty()) ds.putAttribute("units", c.units());
        if (c.precision() >= 0) ds.putAttribute("precision", c.precision());
        return ds;
    }

    private static void column(WritableDataset ds, Column c) {
        if (ds == null) return;
        units(ds, c);
        if (!c.pv().isEmpty()) ds.putAttribute("pv", c.pv());
        if (!c.description().isEmpty()) ds.putAttribute("description", c.description());
    }
}
