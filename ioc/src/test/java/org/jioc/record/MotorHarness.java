package org.jioc.record;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DeviceRegistry;
import org.jioc.db.FieldAddress;
import org.jioc.db.LockSet;
import org.jioc.db.Record;
import org.jioc.motion.MotionClock;
import org.jioc.motion.MotionService;
import org.jioc.motion.SimAxis;
import org.jioc.motion.SimMotorController;

/**
 * Motor records on a simulated controller whose time the test drives: the clock only moves in {@link #run}, which
 * polls the controller as its motion thread would (every 0.05 s of simulated time) and lets the records process
 * after each poll. Nothing depends on wall-clock timing.
 */
final class MotorHarness {
    static final String PORT = "SIM";

    final Database db;
    final MotionService motion;
    final SimMotorController controller;
    private final ManualClock clock = new ManualClock();
    private final Record marker;
    private final List<Record> motors = new ArrayList<>();

    /** A database with one controller of `axes` axes, each with hard limits +-high steps and home at `home`. */
    MotorHarness(int axes, double high, double home) throws DbException { this(axes, high, home, d -> { }); }

    /** The same, with extra device supports registered (after the motion service's) before the database is built. */
    MotorHarness(int axes, double high, double home, java.util.function.Consumer<DeviceRegistry> extraDevices)
            throws DbException {
        DeviceRegistry dev = new DeviceRegistry();
        StandardRecords.registerDevices(dev);
        motion = new MotionService(dev, clock);
        extraDevices.accept(dev);
        db = new Database(StandardRecords.types(), dev);
        controller = motion.createController(PORT, axes);
        for (int i = 0; i < axes; i++) controller.axis(i).configure(high, -high, home, 0, clock.now());
        marker = RecTest.rec(db, "calc", "harness:marker", "CALC", "VAL+1");
    }

    SimAxis axis(int i) { return controller.axis(i); }

    /** A motor record on axis `axis` (MRES 0.001, VELO 1 unless given), created before {@link #init}. */
    Record motor(String name, int axis, String... fields) throws DbException {
        List<String> f = new ArrayList<>(List.of("OUT", "@asyn(" + PORT + "," + axis + ")", "MRES", "0.001",
                "VELO", "1", "ACCL", "0.2", "PREC", "4", "EGU", "mm", "TWV", "1"));
        f.addAll(List.of(fields));
        Record r = RecTest.rec(db, "motor", name, f.toArray(new String[0]));
        motors.add(r);
        return r;
    }

    void init() throws DbException, InterruptedException {
        db.init();
        settle();
    }

    double now() { return clock.now(); }

    /** Advance simulated time by seconds, polling every 0.05 s and letting the records process. */
    void run(double seconds) throws InterruptedException {
        double end = clock.now() + seconds;
        while (clock.now() < end - 1e-9) {
            clock.advance(Math.min(0.05, end - clock.now()));
            controller.poll();
            settle();
        }
    }

    /** Run until cond holds (simulated time), at most maxSeconds; fails the test otherwise. */
    void runUntil(String what, double maxSeconds, java.util.function.BooleanSupplier cond)
            throws InterruptedException {
        double end = clock.now() + maxSeconds;
        settle();
        while (!cond.getAsBoolean()) {
            assertTrue(clock.now() < end, "simulated " + maxSeconds + " s passed without: " + what);
            clock.advance(0.05);
            controller.poll();
            settle();
        }
    }

    /**
     * Wait until everything queued for the motor records' callback thread has run: a marker record on the same
     * (LOW priority) queue processes behind it; repeated, since a process may queue the next.
     */
    void settle() throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            CountDownLatch done = new CountDownLatch(1);
            FieldAddress a = db.resolve("harness:marker");
            org.jioc.db.FieldListener li = (rec, f, mask) -> done.countDown();
            a.subscribe(li);
            db.scheduler().queueProcess(marker);
            assertTrue(done.await(5, TimeUnit.SECONDS), "callback queue did not drain");
            a.unsubscribe(li);
        }
    }

    double num(String channel) { return RecTest.num(db, channel); }

    long lng(String channel) { return (long) RecTest.num(db, channel); }

    String str(String channel) { return RecTest.str(db, channel); }

    void put(String channel, double v) throws DbException, InterruptedException {
        RecTest.put(db, channel, v);
        settle();
    }

    void putStr(String channel, String v) throws DbException, InterruptedException {
        RecTest.putStr(db, channel, v);
        settle();
    }

    CompletableFuture<String> putNotify(String channel, double v) throws InterruptedException {
        CompletableFuture<String> f = RecTest.putNotify(db, channel, v);
        settle();
        return f;
    }

    /** The values a field posts with DBE_VALUE (read under the lock at posting time). */
    List<Double> values(String channel) {
        FieldAddress a = RecTest.addr(db, channel);
        List<Double> out = new CopyOnWriteArrayList<>();
        a.subscribe((rec, f, mask) -> {
            if ((mask & org.jioc.db.FieldListener.DBE_VALUE) != 0) out.add(rec.getDouble(f));
        });
        return out;
    }

    /** Posted masks of a field. */
    List<Integer> masks(String channel) { return RecTest.events(db, channel); }

    /** The axis position in steps now. */
    double steps(int axis) {
        synchronized (controller.axis(axis)) {
            return controller.axis(axis).status(clock.now()).position();
        }
    }

    boolean axisMoving(int axis) { return controller.axis(axis).isMoving(clock.now()); }

    static final class ManualClock implements MotionClock {
        private volatile double t = 100;

        @Override
        public double now() { return t; }

        void advance(double dt) { t += dt; }
    }

    /** Read a field of a record under its lock. */
    static double field(Record r, String f) {
        try (LockSet.Guard g = r.database().lock(r)) {
            return r.getDouble(r.type().field(f));
        }
    }
}
