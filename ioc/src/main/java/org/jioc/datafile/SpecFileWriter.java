package org.jioc.datafile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends runs to one SPEC data file in the apstools SpecWriterCallback2 layout (docs/datafiles.md). The file only
 * ever grows by complete lines: each {@link #write(RunSnapshot)} appends what the run gained since the last call
 * (the scan header the first time, then new data rows, image-file and extra-PV comments, finally the end comments)
 * in one write followed by fsync. A reader therefore always sees a parseable file, mid-scan included; a line torn by
 * a crash is cut off the next time a writer opens the file.
 */
public final class SpecFileWriter {
    private final Path file;
    private final ZoneId zone;
    private final String user;
    private final String host;

    private String uid;
    private int rowsWritten;
    private final java.util.Set<Integer> imagesWritten = new java.util.HashSet<>();
    private final java.util.Set<Integer> extrasWritten = new java.util.HashSet<>();
    private boolean ended;

    public SpecFileWriter(Path file, ZoneId zone, String user, String host) {
        this.file = file.toAbsolutePath();
        this.zone = zone;
        this.user = user;
        this.host = host;
    }

    public SpecFileWriter(Path file) {
        this(file, ZoneId.systemDefault(), System.getProperty("user.name", "unknown"), hostName());
    }

    public Path file() { return file; }

    /** Appends what {@code run} collected since the previous call for the same run (a new run starts a new #S block). */
    public synchronized void write(RunSnapshot run) {
        StringBuilder out = new StringBuilder();
        try {
            if (!run.start().uid().equals(uid)) beginRun(run, out);
            if (ended) return;
            appendNew(run, out);
            append(out);
        } catch (IOException e) {
            throw new DataFileException("cannot write SPEC file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The highest #S number in a SPEC file (0 if it has none or does not exist), to resume scan numbering. */
    public static int highestScanNumber(Path specFile) {
        if (!Files.exists(specFile)) return 0;
        int max = 0;
        for (String line : readLines(specFile)) {
            if (!line.startsWith("#S ")) continue;
            String[] w = line.substring(3).strip().split("\\s+", 2);
            try {
                max = Math.max(max, Integer.parseInt(w[0]));
            } catch (NumberFormatException ignored) {
                // not a number: not one of ours to continue from
            }
        }
        return max;
    }

    private void beginRun(RunSnapshot run, StringBuilder out) throws IOException {
        RunStart start = run.start();
        List<String> lines = existingLines();
        String uidComment = "uid = " + start.uid();
        for (String l : lines)
            if (l.startsWith("#C ") && l.endsWith(uidComment))
                throw new DataFileException(file + " already holds run " + start.uid());
        List<String> names = new ArrayList<>();
        Map<String, Double> startPositions = new TreeMap<>();
        for (Positioner p : run.positioners()) startPositions.put(p.name(), p.startPosition());
        names.addAll(startPositions.keySet());
        if (lines.isEmpty()) {
            header(out, start, names);
        } else if (!names.equals(lastHeaderNames(lines))) {
            // a new header block for the new positioner list; it must start with #F: silx's SpecFile library
            // starts file headers only at #F and would read #E.. lines as part of the previous scan
            out.append('\n');
            header(out, start, names);
        }
        scanHeader(out, run, names, startPositions);
        uid = start.uid();
        rowsWritten = 0;
        imagesWritten.clear();
        extrasWritten.clear();
        ended = false;
    }

    private void header(StringBuilder out, RunStart start, List<String> names) {
        out.append("#F ").append(file).append('\n');
        out.append("#E ").append((long) Math.floor(start.time())).append('\n');
        out.append("#D ").append(SpecText.date(start.time(), zone)).append('\n');
        out.append("#C jioc  user = ").append(user).append("  host = ").append(host).append('\n');
        rows(out, "#O", names, "  ");
        rows(out, "#o", names, "  ");
    }

    private void scanHeader(StringBuilder out, RunSnapshot run, List<String> names, Map<String, Double> startPositions) {
        RunStart start = run.start();
        out.append('\n');
        out.append("#S ").append(start.scanId() == 0 ? 1 : start.scanId()).append("  ").append(SpecText.command(start)).append('\n');
        out.append("#D ").append(SpecText.date(start.time(), zone)).append('\n');
        comment(out, start.time(), "uid = " + start.uid());
        List<String> values = new ArrayList<>();
        for (String n : names) values.add(SpecText.number(startPositions.get(n)));
        rows(out, "#P", values, " ");
        Map<String, Object> md = new TreeMap<>(start.document());
        md.remove("scan_id");
        md.remove("time");
        md.remove("uid");
        md.forEach((k, v) -> out.append("#MD ").append(k).append(" = ").append(SpecText.repr(v).replace('\n', ' ')).append('\n'));
        List<String> arrays = new ArrayList<>();
        for (Detector d : run.detectors()) if (d.isArray()) arrays.add(d.name() + "[" + d.length() + "]");
        if (!arrays.isEmpty())
            comment(out, start.time(), "array detectors (per point, in the NeXus file only): " + String.join(", ", arrays));
        List<String> labels = labels(run);
        out.append("#N ").append(labels.size()).append('\n');
        out.append("#L ").append(String.join("  ", labels)).append('\n');
    }

    /** SPEC column order: positioners, Epoch, Epoch_float, readbacks, scalar detectors with the first one last. */
    static List<String> labels(RunSnapshot run) {
        List<String> labels = new ArrayList<>();
        for (Positioner p : run.positioners()) labels.add(p.name());
        labels.add("Epoch");
        labels.add("Epoch_float");
        for (Column c : run.readbacks()) labels.add(c.name());
        List<Integer> dets = scalarDetectors(run);
        for (int i = 1; i < dets.size(); i++) labels.add(run.detectors().get(dets.get(i)).name());
        if (!dets.isEmpty()) labels.add(run.detectors().get(dets.get(0)).name());
        return labels;
    }

    private static List<Integer> scalarDetectors(RunSnapshot run) {
        List<Integer> dets = new ArrayList<>();
        for (int d = 0; d < run.detectors().size(); d++) if (!run.detectors().get(d).isArray()) dets.add(d);
        return dets;
    }

    private void appendNew(RunSnapshot run, StringBuilder out) {
        int n = run.pointCount();
        double t0 = run.start().time();
        double[] times = run.times();
        double[][] pos = new double[run.positioners().size()][];
        for (int p = 0; p < pos.length; p++) pos[p] = run.desired(p);
        double[][] rb = new double[run.readbacks().size()][];
        for (int r = 0; r < rb.length; r++) rb[r] = run.readback(r);
        List<Integer> dets = scalarDetectors(run);
        List<double[]> detCols = new ArrayList<>();
        for (int i = 1; i < dets.size(); i++) detCols.add(run.scalar(dets.get(i)));
        if (!dets.isEmpty()) detCols.add(run.scalar(dets.get(0)));
        List<ExtraPvSnapshot> extras = run.extraPvs();
        List<ImageFileRef> images = run.images();
        for (int i = rowsWritten; i < n; i++) {
            // comments go where they belong among the rows: extra PVs before the first point read after them,
            // an image file once its last point is written
            writeExtras(out, extras, i);
            StringBuilder row = new StringBuilder();
            for (double[] p : pos) row.append(SpecText.number(p[i])).append(' ');
            double dt = times[i] - t0;
            row.append((long) Math.rint(dt)).append(' ').append(SpecText.number(dt));
            for (double[] r : rb) row.append(' ').append(SpecText.number(r[i]));
            for (double[] d : detCols) row.append(' ').append(SpecText.number(d[i]));
            out.append(row).append('\n');
            writeImages(out, images, i, times[i]);
        }
        rowsWritten = n;
        writeExtras(out, extras, n);
        writeImages(out, images, Integer.MAX_VALUE, n > 0 ? times[n - 1] : t0);
        RunStop stop = run.stop();
        if (stop != null) {
            if (stop.exitStatus() != ExitStatus.SUCCESS)
                comment(out, stop.time(), "Scan " + (stop.exitStatus() == ExitStatus.ABORT ? "aborted" : "failed")
                        + " after " + n + " of " + run.start().numPoints() + " points"
                        + (stop.reason().isEmpty() ? "" : ": " + stop.reason().replace('\n', ' ')));
            comment(out, stop.time(), "num_events_primary = " + n);
            comment(out, stop.time(), "exit_status = " + stop.exitStatus().word());
            ended = true;
        }
    }

    private void writeExtras(StringBuilder out, List<ExtraPvSnapshot> extras, int beforePoint) {
        for (int i = 0; i < extras.size(); i++) {
            ExtraPvSnapshot s = extras.get(i);
            if (extrasWritten.contains(i) || s.afterPoints() > beforePoint) continue;
            extrasWritten.add(i);
            for (ExtraPv v : s.values())
                comment(out, s.time(), "extra PV " + s.label() + ": " + v.name() + " = " + extraValue(v)
                        + (v.units().isEmpty() ? "" : " " + v.units()) + (v.pv().isEmpty() ? "" : "  pv = " + v.pv()));
        }
    }

    private void writeImages(StringBuilder out, List<ImageFileRef> images, int throughPoint, double time) {
        for (int i = 0; i < images.size(); i++) {
            ImageFileRef r = images.get(i);
            if (imagesWritten.contains(i) || r.lastPoint() > throughPoint) continue;
            imagesWritten.add(i);
            Map<String, Object> res = new java.util.LinkedHashMap<>();
            res.put("spec", r.path().endsWith(".h5") || r.path().endsWith(".hdf5") ? "AD_HDF5" : "AD_FILE");
            res.put("resource_path", r.path());
            res.put("dataset", r.dataset());
            res.put("first_point", r.firstPoint());
            res.put("last_point", r.lastPoint());
            res.put("first_frame", r.firstFrame());
            res.put("last_frame", r.lastFrame());
            comment(out, time, "resource " + SpecText.repr(res));
        }
    }

    private static String extraValue(ExtraPv v) {
        if (v.value() instanceof Double d) return SpecText.number(d);
        if (v.value() instanceof double[] a) return SpecText.repr(a);
        return v.value().toString().replace('\n', ' ');
    }

    private void comment(StringBuilder out, double time, String text) {
        out.append("#C ").append(SpecText.date(time, zone)).append(".  ").append(text).append('\n');
    }

    /** #O0/#P0 ... lines, 8 items per line; an empty list gives a bare "#O0 ". */
    private static void rows(StringBuilder out, String key, List<String> items, String sep) {
        int line = 0;
        for (int i = 0; i < Math.max(items.size(), 1); i += 8, line++) {
            List<String> part = items.subList(Math.min(i, items.size()), Math.min(i + 8, items.size()));
            out.append(key).append(line).append(' ').append(String.join(sep, part)).append('\n');
        }
    }

    /** The positioner names of the last header block (#O lines after the last #E). */
    private static List<String> lastHeaderNames(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("#F ") || l.startsWith("#E ")) names.clear();
            else if (l.matches("#O\\d+ .*|#O\\d+")) {
                String body = l.replaceFirst("#O\\d+ ?", "").strip();
                if (!body.isEmpty()) for (String n : body.split(" {2,}")) names.add(n.strip());
            }
        }
        return names;
    }

    /** The file's lines after cutting off an incomplete last line (left by a crash mid-write). */
    private List<String> existingLines() throws IOException {
        if (!Files.exists(file)) return List.of();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size > 0) {
                long keep = size;
                ByteBuffer one = ByteBuffer.allocate(1);
                while (keep > 0) {
                    one.clear();
                    ch.read(one, keep - 1);
                    if (one.get(0) == '\n') break;
                    keep--;
                }
                if (keep < size) {
                    ch.truncate(keep);
                    ch.force(true);
                }
            }
        }
        return readLines(file);
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFileException("cannot read SPEC file " + p + ": " + e.getMessage(), e);
        }
    }

    private void append(StringBuilder out) throws IOException {
        if (out.isEmpty()) return;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(false);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
