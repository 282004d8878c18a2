package org.jioc.motion;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jioc.db.DbException;
import org.jioc.db.HardwareLink;
import org.jioc.db.Link;
import org.jioc.db.Record;
import org.jioc.record.MotorCommand;
import org.jioc.record.MotorDeviceSupport;
import org.jioc.record.MotorMenus;
import org.jioc.record.MotorRecord;

/**
 * DTYP "asynMotor" (devMotorAsyn): a motor record on one axis of a simulated controller, OUT
 * {@code @asyn(PORT,AXIS)}. Commands go to the axis as the record builds them; the axis' status comes back
 * through {@link #offer}, which keeps the newest and processes the record once per change (scanOnce in EPICS).
 * Every motion command and GET_INFO is answered with a status callback even when nothing changed, as asyn's
 * controller does by publishing DONE=0 after a move, so the record never waits for a callback that does not come.
 */
final class AsynMotorDevice implements MotorDeviceSupport {
    private final MotionService motion;
    private MotorRecord rec;
    private SimMotorController controller;
    private SimAxis axis;

    private final AtomicReference<AxisStatus> latest = new AtomicReference<>();
    private final AtomicBoolean needUpdate = new AtomicBoolean();
    /** The last status handed to the record; guarded by the axis' monitor. */
    private AxisStatus lastOffered;
    /** False until init_record has read the first status itself; then changes process the record. */
    private volatile boolean live;

    // The transaction being built (record lock held): speeds, the move waiting for GO, whether to answer.
    private double velocity, baseVelocity, acceleration;
    private MotorCommand pendingMove;
    private double pendingParam;
    private boolean forceAnswer, commanded;

    AsynMotorDevice(MotionService motion) { this.motion = motion; }

    @Override
    public void init(Record r, int pass) throws DbException {
        if (pass != 0) return;
        rec = (MotorRecord) r;
        Link out = rec.outLink();
        if (!(out instanceof HardwareLink)) {
            throw new DbException(DbException.Kind.BAD_VALUE, "OUT must be @asyn(PORT,AXIS), not '" + out.text() + "'");
        }
        try {
            AsynAddress a = AsynAddress.parse(out.text());
            controller = motion.controller(a.port());
            if (controller == null) {
                throw new IllegalArgumentException("no motor controller port '" + a.port()
                        + "' (motorSimCreateController must come before iocInit)");
            }
            axis = controller.axis(a.address());
            controller.attach(a.address(), this::offer);
        } catch (IllegalArgumentException e) {
            axis = null;
            throw new DbException(DbException.Kind.BAD_VALUE, "OUT: " + e.getMessage());
        }
    }

    /** Load an autosaved position into a controller that (re)started at zero (RSTM), then the first status. */
    @Override
    public void initController(MotorRecord r) {
        if (axis == null) return; // init (pass 0) already reported why
        double now = controller.clock().now();
        synchronized (axis) {
            restorePosition(r, now);
            AxisStatus s = axis.status(now);
            lastOffered = s;
            latest.set(s);
            needUpdate.set(true);
        }
        live = true;
    }

    private void restorePosition(MotorRecord r, double now) {
        double mres = r.motorResolution();
        double dval = r.dialValue();
        if (mres == 0 || dval == 0) return;
        double target = dval / mres;
        double pos = axis.status(now).position();
        double nearZero = Math.max(1, Math.abs(r.retryDeadband() / mres));
        boolean restore;
        switch (r.restoreMode()) {
            case MotorMenus.RSTM_NEVER: restore = false; break;
            case MotorMenus.RSTM_ALWAYS: restore = true; break;
            default: restore = Math.abs(pos) < nearZero; break; // NearZero, Conditional
        }
        if (restore && Math.abs(target - pos) >= 0.5) axis.setPosition(now, target);
    }

    /** A status from the axis (poll or command); the axis' monitor is held. */
    private void offer(AxisStatus s, boolean forced) {
        if (!forced && s.sameAs(lastOffered)) return;
        lastOffered = s;
        latest.set(s);
        if (live && needUpdate.compareAndSet(false, true)) rec.database().scheduler().queueProcess(rec);
    }

    @Override
    public boolean updateValues(MotorRecord r) {
        if (!needUpdate.getAndSet(false)) return false;
        AxisStatus s = latest.get();
        r.controllerStatus(s.motorSteps(), s.encoderSteps(), s.bits(), Math.round(s.velocity()));
        return true;
    }

    @Override
    public void startTransaction(MotorRecord r) {
        forceAnswer = false;
        commanded = false;
    }

    @Override
    public boolean build(MotorRecord r, MotorCommand command, double... params) {
        if (axis == null) return command != MotorCommand.PRIMITIVE; // not connected yet (autosave pass 0)
        double p = params.length > 0 ? params[0] : 0;
        double now = controller.clock().now();
        synchronized (axis) {
            switch (command) {
                case SET_VELOCITY: velocity = p; return true;
                case SET_VEL_BASE: baseVelocity = p; return true;
                case SET_ACCEL: acceleration = p; return true;
                case MOVE_ABS: case MOVE_REL: case HOME_FOR: case HOME_REV:
                    pendingMove = command;
                    pendingParam = p;
                    return true;
                case GO:
                    if (pendingMove == null) return false;
                    go(now);
                    pendingMove = null;
                    forceAnswer = true;
                    commanded = true;
                    return true;
                case JOG:
                    axis.jog(now, p, baseVelocity, acceleration);
                    forceAnswer = true;
                    commanded = true;
                    return true;
                case JOG_VELOCITY:
                    axis.jogVelocity(now, p, acceleration);
                    commanded = true;
                    return true;
                case STOP_AXIS:
                    axis.stop(now, acceleration);
                    commanded = true;
                    return true;
                case LOAD_POS:
                    axis.setPosition(now, p);
                    return true;
                case GET_INFO:
                    forceAnswer = true;
                    return true;
                case ENABLE_TORQUE: case DISABL_TORQUE:
                    axis.setClosedLoop(now, command == MotorCommand.ENABLE_TORQUE);
                    return true;
                case SET_HIGH_LIMIT: case SET_LOW_LIMIT: case SET_PGAIN: case SET_IGAIN: case SET_DGAIN:
                case SET_ENC_RATIO: case SET_RESOLUTION:
                    return true; // accepted; the simulation has no use for them
                default:
                    return false;
            }
        }
    }

    private void go(double now) {
        switch (pendingMove) {
            case MOVE_ABS: axis.moveTo(now, pendingParam, baseVelocity, velocity, acceleration); break;
            case MOVE_REL: axis.moveBy(now, pendingParam, baseVelocity, velocity, acceleration); break;
            case HOME_FOR: axis.home(now, true, baseVelocity, velocity, acceleration); break;
            default: axis.home(now, false, baseVelocity, velocity, acceleration); break;
        }
    }

    @Override
    public String problemMessage(MotorRecord r) { return axis == null ? "" : axis.problemReason(); }

    @Override
    public void endTransaction(MotorRecord r) {
        if (axis == null) return;
        double now = controller.clock().now();
        synchronized (axis) {
            offer(axis.status(now), forceAnswer);
        }
        if (commanded) controller.wakeup();
    }
}
