package org.jioc.hexapod;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.jioc.Ioc;
import org.jioc.IocService;
import org.jioc.db.Database;
import org.jioc.db.DeviceRegistry;
import org.jioc.motion.MotionService;
import org.jioc.motion.SimMotorController;

/**
 * The IOC's simulated hexapods, by asyn port: each a six-axis controller of the {@link MotionService} (so motor
 * records drive its axes with DTYP asynMotor) with a {@link HexapodController} around it. Registers DTYP "Hexapod"
 * for the bi, bo and mbbi records of db-templates/hexapod.template. One timer thread (made with the first hexapod)
 * runs the controllers' boot times.
 */
public final class HexapodService implements IocService {
    /** The DTYP of the controller's records. */
    public static final String DTYP = "Hexapod";

    private final MotionService motion;
    private final Map<String, HexapodController> hexapods = new LinkedHashMap<>();
    private ScheduledExecutorService timer;

    /** Installed after the IOC's {@link MotionService}, whose controllers carry the axes. */
    public HexapodService(Ioc ioc) { this(ioc.devices(), ioc.service(MotionService.class)); }

    public HexapodService(DeviceRegistry devices, MotionService motion) {
        if (motion == null) throw new IllegalArgumentException("the hexapod needs the motion service");
        this.motion = motion;
        for (String type : new String[] {"bi", "bo", "mbbi"}) {
            devices.register(type, DTYP, () -> new HexapodDevice(this));
        }
    }

    /** hexapodSimCreate: a six-axis controller on a new port; IllegalArgumentException as motorSimCreateController. */
    public synchronized HexapodController create(String port, double bootSeconds) {
        if (!(bootSeconds >= 0)) throw new IllegalArgumentException("boot time must be >= 0 s, not " + bootSeconds);
        SimMotorController axes = motion.createController(port, HexapodController.AXES);
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hexapod");
                t.setDaemon(true);
                return t;
            });
        }
        HexapodController h = new HexapodController(axes, bootSeconds, timer);
        hexapods.put(port, h);
        return h;
    }

    /** The hexapod on a port, or null. */
    public synchronized HexapodController hexapod(String port) { return hexapods.get(port); }

    public synchronized Collection<HexapodController> hexapods() { return new ArrayList<>(hexapods.values()); }

    @Override
    public String name() { return "hexapod"; }

    @Override
    public void start(Database db, Map<String, String> env) { }

    @Override
    public synchronized void stop() {
        if (timer != null) timer.shutdownNow();
        timer = null;
    }
}
