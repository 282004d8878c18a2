package org.jioc.hexapod;

import java.util.Locale;

import org.jioc.db.DbException;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.HardwareLink;
import org.jioc.db.IoScanList;
import org.jioc.db.Link;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.motion.AsynAddress;

/**
 * DTYP "Hexapod": a bi, bo or mbbi on one parameter of a hexapod controller, addressed as asyn parameters are,
 * {@code @asyn(PORT)PARAM}. Inputs read into RVAL and follow the controller with SCAN "I/O Intr"; outputs command
 * it, and a refused command (enable while locked, lock while off) raises a WRITE alarm whose AMSG says why. An
 * output starts with the controller's value, as asyn outputs read back at init.
 */
final class HexapodDevice implements DeviceSupport {
    /** What a record reads or writes. */
    enum Param {
        POWER(true, true), ENABLE(true, true), LOCKED(true, false), STATE(true, false), SIM_LOCK(false, true);

        final boolean readable, writable;

        Param(boolean readable, boolean writable) {
            this.readable = readable;
            this.writable = writable;
        }
    }

    private final HexapodService service;
    private HexapodController hexapod;
    private Param param;

    HexapodDevice(HexapodService service) { this.service = service; }

    @Override
    public void init(Record r, int pass) throws DbException {
        String type = r.type().name();
        boolean output = type.equals("bo");
        if (pass == 0) {
            FieldDef f = r.type().field(output ? "OUT" : "INP");
            Link link = (Link) r.o[f.slot];
            if (!(link instanceof HardwareLink)) throw bad(f.name + " must be @asyn(PORT)PARAM");
            String text = link.text().trim();
            try {
                AsynAddress a = AsynAddress.parse(text);
                hexapod = service.hexapod(a.port());
                if (hexapod == null) {
                    throw bad(f.name + ": no hexapod port '" + a.port()
                            + "' (hexapodSimCreate must come before iocInit)");
                }
            } catch (IllegalArgumentException e) {
                throw bad(f.name + ": bad address '" + text + "': expected @asyn(PORT)PARAM");
            }
            param = param(f.name, text.substring(text.indexOf(')') + 1).trim(), type, output);
        } else if (output) {
            setRaw(r); // VAL follows RVAL in the bo's init_record
        }
    }

    private static Param param(String field, String name, String type, boolean output) throws DbException {
        Param p;
        try {
            p = Param.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(field + ": unknown hexapod parameter '" + name + "' (POWER, ENABLE, LOCKED, STATE, SIM_LOCK)");
        }
        boolean ok = output ? p.writable : p.readable && (p == Param.STATE) == type.equals("mbbi");
        if (!ok) {
            throw bad(field + ": a " + type + " cannot " + (output ? "write" : "read") + " hexapod parameter " + p);
        }
        return p;
    }

    private static DbException bad(String message) { return new DbException(DbException.Kind.BAD_VALUE, message); }

    @Override
    public IoScanList ioScanList(Record r) { return param != null && param.readable ? hexapod.changes() : null; }

    @Override
    public long read(Record r) {
        setRaw(r);
        return 0;
    }

    private void setRaw(Record r) {
        long v;
        switch (param) {
            case POWER: v = hexapod.powered() ? 1 : 0; break;
            case ENABLE: v = hexapod.enabled() ? 1 : 0; break;
            case STATE: v = hexapod.state().ordinal(); break;
            default: v = hexapod.locked() ? 1 : 0; break; // LOCKED, SIM_LOCK
        }
        r.l[r.type().field("RVAL").slot] = v;
    }

    @Override
    public long write(Record r) {
        boolean on = r.getLong(r.type().field("VAL")) != 0;
        String refused = null;
        switch (param) {
            case POWER: hexapod.setPower(on); break;
            case ENABLE: refused = hexapod.enable(on); break;
            default:
                if (on) refused = hexapod.lock();
                else hexapod.clearLock();
                break;
        }
        if (refused == null) return 0;
        r.setSevrMsg(Menus.WRITE_ALARM, Menus.INVALID, refused);
        return -1;
    }
}
