package org.jioc.motion;

import java.util.List;
import java.util.Locale;

import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/**
 * The st.cmd commands of motorSim (motorSimCreateController, motorSimConfigAxis, with motorSim's arguments in
 * raw steps) and jioc's additions for the simulation: continuous axes, fault injection and a report.
 */
public final class MotionCommands {
    private MotionCommands() { }

    public static void register(IocShell sh) {
        sh.register("motorSimCreateController", "motorSimCreateController(port, numAxes)", (s, a) -> {
            IocShell.need(a, 2, "motorSimCreateController(port, numAxes)");
            int n = IocShell.intArg(a, 1, 0, "motorSimCreateController");
            try {
                service(s).createController(a.get(0), n);
            } catch (IllegalArgumentException e) {
                throw new ShellException("motorSimCreateController: " + e.getMessage());
            }
        });
        String cfg = "motorSimConfigAxis(port, axis, highLimit, lowLimit, home, start)  (raw steps)";
        sh.register("motorSimConfigAxis", cfg, (s, a) -> {
            IocShell.need(a, 6, cfg);
            SimMotorController c = controller(s, a.get(0), "motorSimConfigAxis");
            int axis = IocShell.intArg(a, 1, -1, "motorSimConfigAxis");
            try {
                c.axis(axis).configure(number(a, 2, "motorSimConfigAxis"), number(a, 3, "motorSimConfigAxis"),
                        number(a, 4, "motorSimConfigAxis"), number(a, 5, "motorSimConfigAxis"), c.clock().now());
            } catch (IllegalArgumentException e) {
                throw new ShellException("motorSimConfigAxis: " + e.getMessage());
            }
        });
        String cont = "motorSimSetContinuous(port, axis, on)  (jioc: no limit switches, turns without end)";
        sh.register("motorSimSetContinuous", cont, (s, a) -> {
            IocShell.need(a, 2, cont);
            SimMotorController c = controller(s, a.get(0), "motorSimSetContinuous");
            try {
                c.axis(IocShell.intArg(a, 1, -1, "motorSimSetContinuous"))
                        .setContinuous(IocShell.intArg(a, 2, 1, "motorSimSetContinuous") != 0);
            } catch (IllegalArgumentException e) {
                throw new ShellException("motorSimSetContinuous: " + e.getMessage());
            }
        });
        String fault = "motorSimFault(port, axis, following|clear)  (jioc: inject or clear a following error)";
        sh.register("motorSimFault", fault, (s, a) -> {
            IocShell.need(a, 3, fault);
            SimMotorController c = controller(s, a.get(0), "motorSimFault");
            SimAxis axis;
            try {
                axis = c.axis(IocShell.intArg(a, 1, -1, "motorSimFault"));
            } catch (IllegalArgumentException e) {
                throw new ShellException("motorSimFault: " + e.getMessage());
            }
            double now = c.clock().now();
            switch (a.get(2).trim().toLowerCase(Locale.ROOT)) {
                case "following": axis.injectFollowingError(now); break;
                case "clear": axis.clearFault(now); break;
                default: throw new ShellException("motorSimFault: '" + a.get(2) + "': expected following or clear");
            }
            c.wakeup();
        });
        sh.register("motorSimShow", "motorSimShow [port]  (axes: position, status, limits)",
                (s, a) -> show(s, a.isEmpty() ? "" : a.get(0)));
    }

    private static void show(IocShell s, String port) throws ShellException {
        MotionService m = service(s);
        List<SimMotorController> list = port.isEmpty() ? List.copyOf(m.controllers())
                : List.of(controller(s, port, "motorSimShow"));
        for (SimMotorController c : list) {
            s.out().println(c);
            double now = c.clock().now();
            for (int i = 0; i < c.axisCount(); i++) {
                SimAxis x = c.axis(i);
                AxisStatus st = x.status(now);
                s.out().printf(Locale.ROOT, "  axis %d: position %.1f  %s%s  limits %s  home %.1f%s%s%n", i,
                        st.position(), st.moving() ? "moving" : "done",
                        st.has(org.jioc.record.MotorStatus.HOMED) ? ", homed" : "",
                        x.isContinuous() ? "none (continuous)" : fmt(x.lowLimit()) + ".." + fmt(x.highLimit()),
                        x.homePosition(), st.has(org.jioc.record.MotorStatus.PLUS_LS) ? "  at high limit" : "",
                        x.isFaulted() ? "  FAULT (following error)" : "");
            }
        }
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.1f", v); }

    private static double number(List<String> a, int i, String cmd) throws ShellException {
        try {
            return Double.parseDouble(a.get(i).trim());
        } catch (NumberFormatException e) {
            throw new ShellException(cmd + ": '" + a.get(i) + "' is not a number");
        }
    }

    private static MotionService service(IocShell s) throws ShellException {
        MotionService m = s.ioc().service(MotionService.class);
        if (m == null) throw new ShellException("simulated motion is not available in this IOC");
        return m;
    }

    private static SimMotorController controller(IocShell s, String port, String cmd) throws ShellException {
        SimMotorController c = service(s).controller(port);
        if (c == null) throw new ShellException(cmd + ": no motor controller port '" + port + "'");
        return c;
    }
}
