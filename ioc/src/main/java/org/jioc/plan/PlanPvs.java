package org.jioc.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldListener;
import org.jioc.db.PutOrigin;
import org.jioc.db.Record;

/**
 * The records of one plan PV set (db-templates/plans.template), found from the busy $(P)Start carrying
 * info(planPvs, "$(P)"): reading a {@link PlanRequest} from them, and the writes the plan layer makes (every write
 * a dbPutField, so monitors and put-callbacks behave as if a client had written).
 */
final class PlanPvs {
    static final String INFO_TAG = "planPvs";
    static final String GATE_TAG = "planGate";
    static final int AXES = 4;
    static final int MESSAGE_BYTES = 255;

    /** What a client asked through the PVs. */
    interface Requests {
        void start(PlanPvs set, String who);

        void stopWritten(PlanPvs set, String who);

        void abort(PlanPvs set, String who);

        void pause(PlanPvs set, String who);

        void resume(PlanPvs set, String who);
    }

    final String prefix;
    private final Database db;
    private final PvWriter writer;
    final FieldAddress planName, num, detectors, triggers, delay, settle, dwell, breakpoints, extraPvs, preScan,
            postScan, atBreak, pointCheck, retries, gate, md, start, abort, pause, resume, status, message, scanId,
            uid, pointsDone, pointsTotal, progress, eta;
    final FieldAddress[][] axes = new FieldAddress[AXES][];
    /** The data-file PVs (FilePath, FileName, ...). */
    final DataFilePvs files;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private String gateDefault;
    private volatile Thread startWriter;

    private PlanPvs(Database db, String prefix) throws PlanConfigException {
        this.db = db;
        this.prefix = prefix;
        this.writer = new PvWriter(db, prefix);
        planName = field("PlanName");
        num = field("Num");
        for (int i = 0; i < AXES; i++) {
            String m = "M" + (i + 1) + ":";
            axes[i] = new FieldAddress[] {field(m + "Name"), field(m + "Start"), field(m + "Stop"), field(m + "Num"),
                field(m + "Positions"), field(m + "Snake")};
        }
        detectors = field("Detectors");
        triggers = field("Triggers");
        delay = field("Delay");
        settle = field("Settle");
        dwell = field("Dwell");
        breakpoints = field("Breakpoints");
        extraPvs = field("ExtraPvs");
        preScan = field("PreScan");
        postScan = field("PostScan");
        atBreak = field("AtBreak");
        pointCheck = field("PointCheck");
        retries = field("Retries");
        gate = field("Gate");
        md = field("Md");
        start = field("Start");
        abort = field("Abort");
        pause = field("Pause");
        resume = field("Resume");
        status = field("Status");
        message = field("Message");
        scanId = field("ScanId");
        uid = field("Uid");
        pointsDone = field("PointsDone");
        pointsTotal = field("PointsTotal");
        progress = field("Progress");
        eta = field("Eta");
        files = DataFilePvs.bind(db, prefix);
        checkStates(status, Arrays.stream(PlanState.values()).map(PlanState::label).toArray(String[]::new));
        checkStates(planName, Arrays.stream(PlanKind.values()).map(PlanKind::planName).toArray(String[]::new));
        if (!start.record.type().name().equals("busy"))
            throw new PlanConfigException("record " + prefix + "Start must be a busy record");
    }

    /** The set marked by r's info(planPvs, "prefix"). */
    static PlanPvs bind(Database db, Record r) throws PlanConfigException {
        String prefix = r.info(INFO_TAG);
        if (prefix == null) prefix = "";
        if (!r.name().equals(prefix + "Start"))
            throw new PlanConfigException("info(" + INFO_TAG + ", \"" + prefix + "\") belongs on the record " + prefix
                    + "Start (its value is the PV prefix)");
        PlanPvs p = new PlanPvs(db, prefix);
        p.gateDefault = r.info(GATE_TAG);
        return p;
    }

    /**
     * At iocInit (the database can take puts only then): the GATE macro's run gate goes into Gate unless Gate
     * already holds one (restored by autosave, say).
     */
    void applyGateDefault() {
        boolean given = gateDefault != null && !gateDefault.isBlank();
        if (given && Channels.readString(gate).isEmpty()) put(gate, gateDefault);
    }

    private FieldAddress field(String suffix) throws PlanConfigException {
        FieldAddress a = db.resolve(prefix + suffix + ".VAL");
        if (a == null) throw new PlanConfigException("record " + prefix + suffix
                + " is missing (load db-templates/plans.template for the whole PV set)");
        return a;
    }

    private static void checkStates(FieldAddress a, String[] want) throws PlanConfigException {
        String[] have = a.record.choices(a.field);
        if (have.length < want.length || !Arrays.equals(Arrays.copyOf(have, want.length), want))
            throw new PlanConfigException("record " + a.record.name() + " must have the states "
                    + String.join(", ", want) + " in that order");
    }

    void attach(Requests r) {
        put(abort, 0);
        put(pause, 0);
        put(resume, 0);
        listen(start, (v, who) -> {
            if (Thread.currentThread() == startWriter) return; // the service's own Done at the end of a run
            if (v != 0) r.start(this, who);
            else r.stopWritten(this, who);
        });
        listen(abort, (v, who) -> { if (v != 0) r.abort(this, who); });
        listen(pause, (v, who) -> { if (v != 0) r.pause(this, who); });
        listen(resume, (v, who) -> { if (v != 0) r.resume(this, who); });
    }

    void detach() {
        files.detach();
        unsubscribe.forEach(Runnable::run);
        unsubscribe.clear();
    }

    private interface Posted {
        void posted(long value, String who);
    }

    private void listen(FieldAddress a, Posted p) {
        FieldListener l = (rec, f, mask) -> {
            if ((mask & FieldListener.DBE_VALUE) != 0) p.posted(rec.getLong(f), PutOrigin.current());
        };
        a.subscribe(l);
        unsubscribe.add(() -> a.unsubscribe(l));
    }

    // -----------------------------------------------------------------------------------------------------------
    // The request

    /** The plan the PVs describe now; throws with what is wrong. */
    PlanRequest request() {
        PlanKind kind = PlanKind.values()[(int) Math.min(Channels.readDouble(planName), PlanKind.values().length - 1)];
        List<Axis> list = new ArrayList<>();
        boolean gap = false;
        for (int i = 0; i < AXES; i++) {
            FieldAddress[] a = axes[i];
            String name = Channels.readString(a[0]).trim();
            if (name.isEmpty()) {
                gap = true;
                continue;
            }
            if (gap) throw new IllegalArgumentException(prefix + "M" + (i + 1) + ":Name is set but an earlier motor"
                    + " is empty (use motors 1, 2, ... in order)");
            if (kind == PlanKind.COUNT) continue;
            if (kind == PlanKind.LIST_SCAN) list.add(Axis.list(name, doubles(a[4])));
            else list.add(new Axis(name, Channels.readDouble(a[1]), Channels.readDouble(a[2]),
                    (int) Channels.readDouble(a[3]), null, Channels.readDouble(a[5]) != 0));
        }
        if (kind != PlanKind.COUNT && list.isEmpty())
            throw new IllegalArgumentException(kind.planName() + " needs a motor (" + prefix + "M1:Name is empty)");
        return new PlanRequest(kind, list, (int) Channels.readDouble(num), names(triggers), names(detectors),
                Channels.readDouble(delay), Channels.readDouble(settle), Channels.readDouble(dwell),
                indices(Channels.readString(breakpoints)), names(extraPvs),
                PutAction.parseList(Channels.readString(preScan)), PutAction.parseList(Channels.readString(postScan)),
                PutAction.parseList(Channels.readString(atBreak)), Channels.readString(pointCheck),
                (int) Channels.readDouble(retries), Channels.readString(gate), metadata(Channels.readString(md)));
    }

    private static double[] doubles(FieldAddress a) {
        try (var g = a.lock()) {
            int n = a.record.arrayCount(a.field);
            Object arr = a.record.arrayValue(a.field);
            double[] v = new double[n];
            if (arr instanceof double[] d) System.arraycopy(d, 0, v, 0, n);
            return v;
        }
    }

    static List<String> names(FieldAddress a) { return splitNames(Channels.readString(a)); }

    static List<String> splitNames(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.trim().split("[\\s,]+")) if (!s.isEmpty()) out.add(s);
        return out;
    }

    static Set<Integer> indices(String text) {
        Set<Integer> out = new TreeSet<>();
        for (String s : splitNames(text)) {
            try {
                out.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("breakpoint '" + s + "' is not a point index");
            }
        }
        return out;
    }

    static ObjectNode metadata(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            JsonNode n = StartDocument.JSON.readTree(text);
            if (!n.isObject()) throw new IllegalArgumentException("Md must be a JSON object, not " + text);
            return (ObjectNode) n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Md is not valid JSON: " + e.getOriginalMessage());
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Writes

    void state(PlanState s) { put(status, s.ordinal()); }

    void message(String text) { put(message, fit(text)); }

    void opened(long id, String u) {
        put(scanId, id);
        put(uid, fitBytes(u, 39));
    }

    void progress(int done, int total, double etaSeconds) {
        put(pointsDone, done);
        put(pointsTotal, total);
        putDouble(progress, total == 0 ? 0 : 100.0 * done / total);
        putDouble(eta, Double.isFinite(etaSeconds) ? etaSeconds : 0);
    }

    /**
     * The service writes Start (0 at the end of a run). Listeners run on the writing thread, so marking it keeps
     * that write from reading as a client's "stop": handed on late, it would abort the next run.
     */
    void start(long v) {
        startWriter = Thread.currentThread();
        try {
            put(start, v);
        } finally {
            startWriter = null;
        }
    }

    void clearAbort() { put(abort, 0); }

    void clearPause() { put(pause, 0); }

    void clearResume() { put(resume, 0); }

    static String fit(String text) { return fitBytes(text, MESSAGE_BYTES); }

    static String fitBytes(String text, int max) {
        String t = text == null ? "" : text;
        int n = t.length();
        while (n > 0 && t.substring(0, n).getBytes(StandardCharsets.UTF_8).length > max) n--;
        return t.substring(0, n);
    }

    private void put(FieldAddress a, long v) { writer.put(a, v); }

    private void put(FieldAddress a, String v) { writer.put(a, v); }

    private void putDouble(FieldAddress a, double v) { writer.putDouble(a, v); }
}
