package org.jioc.db;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicInteger;

import org.jioc.record.StandardRecords;

/** Test-only record types for core semantics: an async record with a settable delay, and a lock-set checker. */
final class TestRecords {
    private TestRecords() { }

    private static final Timer TIMER = new Timer("test-async", true);

    /** "asyncTest": process starts an operation of DLY ms (PACT=1) and finishes it from a timer. */
    static final class AsyncRecord extends Record {
        static final RecordType TYPE = new RecordType("asyncTest");
        static final int VAL = TYPE.dbl("VAL").pp().value().slot();
        static final int DLY = TYPE.dbl("DLY").slot();
        static final int CNT = TYPE.lng("CNT").readOnly().slot();

        static {
            TYPE.factory(AsyncRecord::new);
        }

        AsyncRecord(RecordType t) { super(t); }

        @Override
        protected void process() {
            if (l[PACT] == 0) {
                l[PACT] = 1;
                TIMER.schedule(new TimerTask() {
                    @Override
                    public void run() { requestAsyncCompletion(); }
                }, (long) d[DLY]);
                return;
            }
            l[CNT]++;
            l[UDF] = 0;
            getTimeStamp();
            int mask = resetAlarms();
            postD(VAL, mask | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
            postL(CNT, FieldListener.DBE_VALUE);
            fwdLink();
            l[PACT] = 0;
        }
    }

    /** "lockCheck": counts processing and detects two threads inside one lock set at once. */
    static final class LockCheckRecord extends Record {
        static final RecordType TYPE = new RecordType("lockCheck");
        static final int VAL = TYPE.dbl("VAL").pp().value().slot();
        static final int CNT = TYPE.lng("CNT").slot();
        static final Map<LockSet, AtomicInteger> ACTIVE = new java.util.concurrent.ConcurrentHashMap<>();
        static final AtomicInteger VIOLATIONS = new AtomicInteger();

        static {
            TYPE.factory(LockCheckRecord::new);
        }

        LockCheckRecord(RecordType t) { super(t); }

        @Override
        protected void process() {
            AtomicInteger active = ACTIVE.computeIfAbsent(lockSet, k -> new AtomicInteger());
            if (active.incrementAndGet() != 1) VIOLATIONS.incrementAndGet();
            l[CNT]++;
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
            active.decrementAndGet();
            l[UDF] = 0;
            getTimeStamp();
            fwdLink();
        }
    }

    static Database newDb() {
        DeviceRegistry dev = new DeviceRegistry();
        StandardRecords.registerDevices(dev);
        Map<String, RecordType> types = new LinkedHashMap<>(StandardRecords.types());
        types.put(AsyncRecord.TYPE.name(), AsyncRecord.TYPE);
        types.put(LockCheckRecord.TYPE.name(), LockCheckRecord.TYPE);
        return new Database(types, dev);
    }

    /** Create a record and set fields from "NAME=value" pairs. */
    static Record rec(Database db, String type, String name, String... fields) throws DbException {
        Record r = db.create(type, name);
        for (String f : fields) {
            int eq = f.indexOf('=');
            FieldDef def = r.type().field(f.substring(0, eq));
            if (def == null) throw new IllegalArgumentException("no field " + f);
            r.storeString(def, f.substring(eq + 1));
        }
        return r;
    }
}
