package org.jioc.motion;

import org.jioc.db.DbException;
import org.jioc.db.FieldDef;
import org.jioc.db.HardwareLink;
import org.jioc.db.Link;
import org.jioc.db.Record;
import org.jioc.db.DeviceSupport;

/**
 * DTYP "Sim Motor Fault" for a bo, OUT {@code @asyn(PORT,AXIS)}: writing 1 injects a following error into that
 * simulated axis (it trips now if moving, else half way through its next motion), writing 0 clears it. A test hook
 * reachable over CA and PVA; the motor record sees the fault through MSTA.
 */
final class SimFaultDevice implements DeviceSupport {
    private final MotionService motion;
    private SimMotorController controller;
    private SimAxis axis;

    SimFaultDevice(MotionService motion) { this.motion = motion; }

    @Override
    public void init(Record r, int pass) throws DbException {
        if (pass != 0) return;
        FieldDef outField = r.type().field("OUT");
        Link out = outField == null ? null : (Link) r.o[outField.slot];
        if (!(out instanceof HardwareLink)) {
            throw new DbException(DbException.Kind.BAD_VALUE, "OUT must be @asyn(PORT,AXIS)");
        }
        try {
            AsynAddress a = AsynAddress.parse(out.text());
            controller = motion.controller(a.port());
            if (controller == null) throw new IllegalArgumentException("no motor controller port '" + a.port() + "'");
            axis = controller.axis(a.address());
        } catch (IllegalArgumentException e) {
            throw new DbException(DbException.Kind.BAD_VALUE, "OUT: " + e.getMessage());
        }
    }

    @Override
    public long write(Record r) {
        double now = controller.clock().now();
        if (r.getLong(r.type().field("VAL")) != 0) axis.injectFollowingError(now);
        else axis.clearFault(now);
        controller.wakeup();
        return 0;
    }
}
