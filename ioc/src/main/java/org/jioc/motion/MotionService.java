package org.jioc.motion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.jioc.IocService;
import org.jioc.db.Database;
import org.jioc.db.DeviceRegistry;

/**
 * The IOC's simulated motion hardware: motor controllers by asyn port name, created from st.cmd, and the one
 * thread that polls them all once iocInit is done. Registers the motor record's "asynMotor" device support and the
 * bo "Sim Motor Fault" test hook.
 */
public final class MotionService implements IocService {
    /** The DTYP of the motor record's device support, as in asyn motor templates. */
    public static final String DTYP = "asynMotor";
    /** A bo that injects (1) or clears (0) a following error on a simulated axis: a test hook. */
    public static final String FAULT_DTYP = "Sim Motor Fault";

    private final Map<String, SimMotorController> controllers = new LinkedHashMap<>();
    private final MotionClock clock;
    private ScheduledExecutorService thread;
    private boolean started;

    public MotionService(DeviceRegistry devices) { this(devices, MotionClock.SYSTEM); }

    public MotionService(DeviceRegistry devices, MotionClock clock) {
        this.clock = clock;
        devices.register("motor", DTYP, () -> new AsynMotorDevice(this));
        devices.register("bo", FAULT_DTYP, () -> new SimFaultDevice(this));
    }

    public MotionClock clock() { return clock; }

    /** motorSimCreateController: a new controller; IllegalArgumentException if the port exists or after start. */
    public synchronized SimMotorController createController(String port, int axes) {
        if (started) throw new IllegalArgumentException("controllers must be created before iocInit");
        if (port == null || port.isBlank()) throw new IllegalArgumentException("empty port name");
        if (controllers.containsKey(port)) throw new IllegalArgumentException("port " + port + " already exists");
        if (axes < 1 || axes > 256) throw new IllegalArgumentException("number of axes must be 1..256, not " + axes);
        SimMotorController c = new SimMotorController(port, axes, clock);
        controllers.put(port, c);
        return c;
    }

    /** The controller of a port, or null. */
    public synchronized SimMotorController controller(String port) { return controllers.get(port); }

    public synchronized Collection<SimMotorController> controllers() { return new ArrayList<>(controllers.values()); }

    @Override
    public String name() { return "motion"; }

    @Override
    public synchronized void start(Database db, Map<String, String> env) {
        started = true;
        if (controllers.isEmpty()) return;
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "motion");
            t.setDaemon(true);
            return t;
        });
        for (SimMotorController c : controllers.values()) c.start(thread);
    }

    @Override
    public synchronized void stop() {
        List<SimMotorController> all = new ArrayList<>(controllers.values());
        for (SimMotorController c : all) c.stop();
        if (thread != null) thread.shutdownNow();
        thread = null;
    }
}
