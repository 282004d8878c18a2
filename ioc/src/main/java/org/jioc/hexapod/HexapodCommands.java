package org.jioc.hexapod;

import java.util.List;
import java.util.Locale;

import org.jioc.motion.AxisStatus;
import org.jioc.record.MotorStatus;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/** st.cmd and console commands of the simulated hexapod: create one, inject its lock, show it. */
public final class HexapodCommands {
    private HexapodCommands() { }

    private static final String[] AXIS_NAMES = {"X", "Y", "Z", "U", "V", "W"};

    public static void register(IocShell sh) {
        String create = "hexapodSimCreate(port, bootSeconds)  (six axes 0..5 = X Y Z U V W; before iocInit)";
        sh.register("hexapodSimCreate", create, (s, a) -> {
            IocShell.need(a, 2, create);
            double boot;
            try {
                boot = Double.parseDouble(a.get(1).trim());
            } catch (NumberFormatException e) {
                throw new ShellException("hexapodSimCreate: boot time '" + a.get(1) + "' is not a number");
            }
            try {
                service(s).create(a.get(0), boot);
            } catch (IllegalArgumentException e) {
                throw new ShellException("hexapodSimCreate: " + e.getMessage());
            }
        });
        String lock = "hexapodSimLock(port, lock|clear)  (test hook: the fault that locks the controller)";
        sh.register("hexapodSimLock", lock, (s, a) -> {
            IocShell.need(a, 2, lock);
            HexapodController h = hexapod(s, a.get(0), "hexapodSimLock");
            switch (a.get(1).trim().toLowerCase(Locale.ROOT)) {
                case "lock": {
                    String why = h.lock();
                    if (why != null) throw new ShellException("hexapodSimLock: " + why);
                    break;
                }
                case "clear": h.clearLock(); break;
                default: throw new ShellException("hexapodSimLock: '" + a.get(1) + "': expected lock or clear");
            }
        });
        sh.register("hexapodShow", "hexapodShow [port]  (state, boot time and the six axes)",
                (s, a) -> show(s, a.isEmpty() ? "" : a.get(0)));
    }

    private static void show(IocShell s, String port) throws ShellException {
        List<HexapodController> list = port.isEmpty() ? List.copyOf(service(s).hexapods())
                : List.of(hexapod(s, port, "hexapodShow"));
        for (HexapodController h : list) {
            s.out().printf(Locale.ROOT, "%s (boot %s s)%n", h, trim(h.bootSeconds()));
            double now = h.axes().clock().now();
            for (int i = 0; i < HexapodController.AXES; i++) {
                AxisStatus st = h.axes().axis(i).status(now);
                s.out().printf(Locale.ROOT, "  axis %d (%s): position %.1f  %s%s%n", i, AXIS_NAMES[i], st.position(),
                        st.moving() ? "moving" : "done", st.has(MotorStatus.HOMED) ? ", homed" : "");
            }
        }
    }

    private static String trim(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }

    private static HexapodService service(IocShell s) throws ShellException {
        HexapodService h = s.ioc().service(HexapodService.class);
        if (h == null) throw new ShellException("the simulated hexapod is not available in this IOC");
        return h;
    }

    private static HexapodController hexapod(IocShell s, String port, String cmd) throws ShellException {
        HexapodController h = service(s).hexapod(port);
        if (h == null) throw new ShellException(cmd + ": no hexapod port '" + port + "'");
        return h;
    }
}
