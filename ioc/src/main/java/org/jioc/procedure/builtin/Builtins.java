package org.jioc.procedure.builtin;

import org.jioc.procedure.ProcedureService;

/** The procedures every jioc has; beamline procedures (motor_homing, energy_setting, ...) register beside them. */
public final class Builtins {
    private Builtins() { }

    public static void register(ProcedureService s) {
        s.register("dwell", Dwell::new);
        s.register("wait_and_set", WaitAndSet::new);
    }
}
