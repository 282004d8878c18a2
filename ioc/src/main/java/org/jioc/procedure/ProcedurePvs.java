package org.jioc.procedure;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;

/**
 * The records of one procedure's PV set (db-templates/procedure.template) and the writes the framework makes to
 * them. Every write is a dbPutField, so monitors, alarms and put-callbacks behave as if a client had written; a
 * write that fails is logged and never stops the procedure's own bookkeeping.
 */
final class ProcedurePvs {
    static final String START = ":Start", ABORT = ":Abort", STATUS = ":Status", MESSAGE = ":Message", STEP = ":Step",
            STEP_INDEX = ":StepIndex", PRECHECK = ":Precheck", PRECHECK_MESSAGE = ":PrecheckMessage";
    /** A message fits a 256-element CHAR waveform with its NUL. */
    static final int MESSAGE_BYTES = 255;
    private static final Logger LOG = Logger.getLogger(ProcedurePvs.class.getName());

    final String base;
    final FieldAddress start, abort, status, message, step, stepIndex, precheck, precheckMessage, precheckProc;
    private final Database db;
    private Boolean lastReady;
    private String lastPrecheck;

    private ProcedurePvs(Database db, String base) throws ProcedureConfigException {
        this.db = db;
        this.base = base;
        start = field(START, "VAL");
        abort = field(ABORT, "VAL");
        status = field(STATUS, "VAL");
        message = field(MESSAGE, "VAL");
        step = field(STEP, "VAL");
        stepIndex = field(STEP_INDEX, "VAL");
        precheck = field(PRECHECK, "VAL");
        precheckMessage = field(PRECHECK_MESSAGE, "VAL");
        precheckProc = field(PRECHECK, "PROC");
    }

    /** The set whose Start record is start; every record must be there and :Status must have the five states. */
    static ProcedurePvs bind(Database db, Record start) throws ProcedureConfigException {
        if (!start.type().name().equals("busy"))
            throw new ProcedureConfigException("info(procedure) belongs on the busy record <name>" + START
                    + ", not on a " + start.type().name() + " record");
        if (!start.name().endsWith(START))
            throw new ProcedureConfigException("info(procedure) is on a record whose name does not end in " + START);
        ProcedurePvs p = new ProcedurePvs(db, start.name().substring(0, start.name().length() - START.length()));
        p.checkStatusStates();
        return p;
    }

    private FieldAddress field(String suffix, String field) throws ProcedureConfigException {
        FieldAddress a = db.resolve(base + suffix + "." + field);
        if (a == null) throw new ProcedureConfigException("record " + base + suffix
                + " is missing (load db-templates/procedure.template for the whole PV set)");
        return a;
    }

    private void checkStatusStates() throws ProcedureConfigException {
        String[] have = status.record.choices(status.field);
        ProcedureStatus[] want = ProcedureStatus.values();
        String[] labels = Arrays.stream(want).map(ProcedureStatus::label).toArray(String[]::new);
        boolean ok = have.length >= want.length;
        for (int i = 0; ok && i < want.length; i++) ok = want[i].label().equals(have[i]);
        if (!ok) throw new ProcedureConfigException("record " + base + STATUS + " must have the states "
                + String.join(", ", labels) + " in that order, not " + String.join(", ",
                Arrays.copyOf(have, Math.min(have.length, want.length))));
    }

    long startValue() { return read(start); }

    long abortValue() { return read(abort); }

    private static long read(FieldAddress a) {
        try (var g = a.lock()) {
            return a.record.getLong(a.field);
        }
    }

    void start(long v) { put(start, v); }

    /**
     * Start = 0 (Done) unless newerStart says a start was written since the run began; decided under Start's lock,
     * so no client's start can land between the check and the write (it would be overwritten and lost).
     * Returns whether Start was cleared.
     */
    boolean finishStart(java.util.function.BooleanSupplier newerStart) {
        try (var g = start.lock()) {
            if (newerStart.getAsBoolean()) return false;
            put(start, 0);
            return true;
        }
    }

    void abort(long v) { put(abort, v); }

    void status(ProcedureStatus s) { put(status, s.ordinal()); }

    void message(String text) { put(message, fit(text)); }

    void step(String name, int index) {
        put(step, name);
        put(stepIndex, index);
    }

    /** The precheck result; written only when it changed, so monitors see changes and nothing else. */
    synchronized void precheck(boolean ready, String text) {
        String t = fit(text);
        if (lastReady == null || lastReady != ready) put(precheck, ready ? 1 : 0);
        if (!t.equals(lastPrecheck)) put(precheckMessage, t);
        lastReady = ready;
        lastPrecheck = t;
    }

    /** text cut to what the message waveform holds (255 bytes of UTF-8, whole characters). */
    static String fit(String text) {
        String t = text == null ? "" : text;
        if (t.getBytes(StandardCharsets.UTF_8).length <= MESSAGE_BYTES) return t;
        int n = Math.min(t.length(), MESSAGE_BYTES);
        while (n > 0 && t.substring(0, n).getBytes(StandardCharsets.UTF_8).length > MESSAGE_BYTES) n--;
        return t.substring(0, n);
    }

    private void put(FieldAddress a, long v) {
        try {
            db.putField(a, r -> r.storeLong(a.field, v));
        } catch (DbException | RuntimeException e) {
            LOG.log(Level.WARNING, "procedure " + base + ": writing " + v + " to " + a + " failed: " + e.getMessage());
        }
    }

    private void put(FieldAddress a, String v) {
        try {
            db.putField(a, r -> r.storeString(a.field, v));
        } catch (DbException | RuntimeException e) {
            LOG.log(Level.WARNING, "procedure " + base + ": writing '" + v + "' to " + a + " failed: "
                    + e.getMessage());
        }
    }
}
