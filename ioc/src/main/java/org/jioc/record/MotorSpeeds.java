package org.jioc.record;

import static org.jioc.record.MotorRecord.*;

import org.jioc.db.FieldListener;

/**
 * The motor record's two ways of giving speed and resolution kept in agreement: EGU/s (VELO, VBAS, VMAX, BVEL) with
 * rev/s (S, SBAS, SMAX, SBAK) through UREV = MRES * SREV, with VBAS <= VELO, BVEL, JVEL, HVEL <= VMAX (VMAX 0 = no
 * maximum), and ACCL (seconds to speed) with ACCS (EGU/s^2). check_speed_and_resolution at init, and the special()
 * cases for these fields.
 */
final class MotorSpeeds {
    private static final int DBE_VAL_LOG = FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
    private final MotorRecord r;
    private final double[] d;
    private final long[] l;

    MotorSpeeds(MotorRecord r) {
        this.r = r;
        this.d = r.d;
        this.l = r.l;
    }

    /** init_record: make resolution, speeds and accelerations sane and consistent. */
    void checkSpeedAndResolution() {
        if (l[SREV] <= 0) {
            l[SREV] = 200;
            r.mark(M_SREV);
        }
        if (d[UREV] != 0) {
            d[MRES] = d[UREV] / l[SREV];
            r.mark(M_MRES);
        }
        if (d[MRES] == 0) {
            d[MRES] = 1.0;
            r.mark(M_MRES);
        }
        if (d[UREV] != d[MRES] * l[SREV]) {
            d[UREV] = d[MRES] * l[SREV];
            r.mark(M_UREV);
        }
        double urev = Math.abs(d[UREV]);
        if (d[SMAX] > 0) d[VMAX] = d[SMAX] * urev;
        else if (d[VMAX] > 0) d[SMAX] = d[VMAX] / urev;
        else d[SMAX] = d[VMAX] = 0;
        if (d[SBAS] != 0) {
            rangeCheck(SBAS, 0, d[SMAX]);
            d[VBAS] = d[SBAS] * urev;
        } else {
            rangeCheck(VBAS, 0, d[VMAX]);
            d[SBAS] = d[VBAS] / urev;
        }
        if (d[S] != 0) {
            rangeCheck(S, d[SBAS], d[SMAX]);
            d[VELO] = d[S] * urev;
        } else {
            rangeCheck(VELO, d[VBAS], d[VMAX]);
            d[S] = d[VELO] / urev;
        }
        if (d[SBAK] != 0) {
            rangeCheck(SBAK, d[SBAS], d[SMAX]);
            d[BVEL] = d[SBAK] * urev;
        } else {
            rangeCheck(BVEL, d[VBAS], d[VMAX]);
            d[SBAK] = d[BVEL] / urev;
        }
        if (d[ACCL] <= 0) d[ACCL] = 0.1;
        if (d[BACC] <= 0) d[BACC] = 0.1;
        if (d[JVEL] == 0) d[JVEL] = d[VELO];
        else rangeCheck(JVEL, d[VBAS], d[VMAX]);
        if (d[JAR] == 0) d[JAR] = d[VELO] / d[ACCL];
        if (d[HVEL] == 0) d[HVEL] = d[VBAS];
        else rangeCheck(HVEL, d[VBAS], d[VMAX]);
        updateAccs();
    }

    /** special() for the speed, resolution and acceleration fields; false if the field is none of them. */
    boolean special(String field) {
        double urev = Math.abs(d[UREV]);
        switch (field) {
            case "VBAS":
                if (d[VBAS] < 0) set(VBAS, 0);
                if (d[UREV] != 0) setIfDifferent(SBAS, d[VBAS] / urev);
                if (d[VMAX] != 0 && d[VBAS] > d[VMAX]) {
                    set(VMAX, d[VBAS]);
                    set(SMAX, d[SBAS]);
                }
                recheckSpeeds(urev);
                break;
            case "SBAS":
                if (d[SBAS] < 0) set(SBAS, 0);
                setIfDifferent(VBAS, urev * d[SBAS]);
                if (d[VMAX] != 0 && d[VBAS] > d[VMAX]) {
                    set(VMAX, d[VBAS]);
                    set(SMAX, d[SBAS]);
                }
                recheckSpeeds(urev);
                break;
            case "VMAX":
                if (d[VMAX] < 0) set(VMAX, 0);
                if (d[UREV] != 0) setIfDifferent(SMAX, d[VMAX] / urev);
                capBaseSpeedAtMax();
                recheckSpeeds(urev);
                break;
            case "SMAX":
                if (d[SMAX] < 0) set(SMAX, 0);
                setIfDifferent(VMAX, urev * d[SMAX]);
                capBaseSpeedAtMax();
                recheckSpeeds(urev);
                break;
            case "VELO":
                rangeCheck(VELO, d[VBAS], d[VMAX]);
                if (d[UREV] != 0) setIfDifferent(S, d[VELO] / urev);
                updateAccs();
                break;
            case "S":
                rangeCheck(S, d[SBAS], d[SMAX]);
                setIfDifferent(VELO, urev * d[S]);
                updateAccs();
                break;
            case "BVEL":
                rangeCheck(BVEL, d[VBAS], d[VMAX]);
                if (d[UREV] != 0) setIfDifferent(SBAK, d[BVEL] / urev);
                break;
            case "SBAK":
                rangeCheck(SBAK, d[SBAS], d[SMAX]);
                setIfDifferent(BVEL, urev * d[SBAK]);
                break;
            case "ACCL":
                if (d[ACCL] <= 0) set(ACCL, 0.1);
                l[ACCU] = 0;
                r.postL(ACCU, DBE_VAL_LOG);
                updateAccs();
                break;
            case "ACCS":
                if (d[ACCS] > 0) {
                    set(ACCL, Math.max(1e-6, (d[VELO] - d[VBAS]) / d[ACCS]));
                    if (d[VELO] <= d[VBAS]) set(ACCL, 0.1);
                }
                l[ACCU] = 1;
                r.postL(ACCU, DBE_VAL_LOG);
                updateAccs();
                break;
            case "BACC":
                if (d[BACC] <= 0) set(BACC, 0.1);
                break;
            case "MRES":
                r.mark(M_MRES); // do_work tells the controller and keeps the dial position
                if (d[UREV] != d[MRES] * l[SREV]) {
                    d[UREV] = d[MRES] * l[SREV];
                    r.mark(M_UREV);
                }
                scaleSpeedsWithResolution(Math.abs(d[UREV]));
                break;
            case "UREV":
                if (d[MRES] != d[UREV] / l[SREV]) {
                    d[MRES] = d[UREV] / l[SREV];
                    r.mark(M_MRES);
                }
                scaleSpeedsWithResolution(urev);
                break;
            case "SREV":
                if (l[SREV] <= 0) {
                    l[SREV] = 200;
                    r.mark(M_SREV);
                }
                if (d[MRES] != d[UREV] / l[SREV]) {
                    d[MRES] = d[UREV] / l[SREV];
                    r.mark(M_MRES);
                }
                break;
            case "JVEL":
                rangeCheck(JVEL, d[VBAS], d[VMAX]);
                r.jogSpeedChanged();
                break;
            case "JAR":
                if (d[JAR] <= 0) d[JAR] = d[JVEL] / 0.1;
                break;
            case "HVEL":
                rangeCheck(HVEL, d[VBAS], d[VMAX]);
                break;
            default:
                return false;
        }
        return true;
    }

    /** A new resolution keeps the rev/s speeds: the EGU/s ones follow. */
    private void scaleSpeedsWithResolution(double urev) {
        if (d[VELO] != urev * d[S]) {
            d[VELO] = urev * d[S];
            r.mark(M_VELO);
        }
        if (d[VBAS] != urev * d[SBAS]) {
            d[VBAS] = urev * d[SBAS];
            r.mark(M_VBAS);
        }
        setIfDifferent(BVEL, urev * d[SBAK]);
        setIfDifferent(VMAX, urev * d[SMAX]);
        updateAccs();
    }

    /** After VBAS or VMAX moved: VELO, BVEL, JVEL, HVEL back inside [VBAS, VMAX]. */
    /** A maximum speed below the base speed pulls the base speed down to it (VBAS and SBAS). */
    private void capBaseSpeedAtMax() {
        if (d[VMAX] != 0 && d[VMAX] < d[VBAS]) {
            d[VBAS] = d[VMAX];
            r.mark(M_VBAS);
            d[SBAS] = d[SMAX];
            r.mark(M_SBAS);
        }
    }

    private void recheckSpeeds(double urev) {
        rangeCheck(VELO, d[VBAS], d[VMAX]);
        if (d[UREV] != 0) setIfDifferent(S, d[VELO] / urev);
        rangeCheck(BVEL, d[VBAS], d[VMAX]);
        if (d[UREV] != 0) setIfDifferent(SBAK, d[BVEL] / urev);
        rangeCheck(JVEL, d[VBAS], d[VMAX]);
        rangeCheck(HVEL, d[VBAS], d[VMAX]);
        updateAccs();
    }

    /** ACCS follows ACCL (or, when ACCS was given, ACCL follows it) as VELO and VBAS change. */
    private void updateAccs() {
        double span = d[VELO] - d[VBAS];
        if (l[ACCU] == 1 && d[ACCS] > 0 && span > 0) {
            setIfDifferent(ACCL, span / d[ACCS]);
        } else if (d[ACCL] > 0) {
            setIfDifferent(ACCS, Math.max(0, span) / d[ACCL]);
        }
    }

    /** Clamp into [min, max] (max 0 = no maximum), posting the field if it changed. */
    private void rangeCheck(int slot, double min, double max) {
        double v = d[slot];
        if (v < min) v = min;
        if (max != 0 && v > max) v = max;
        if (v != d[slot]) set(slot, v);
    }

    private void setIfDifferent(int slot, double v) {
        if (d[slot] != v) set(slot, v);
    }

    private void set(int slot, double v) {
        d[slot] = v;
        r.postD(slot, DBE_VAL_LOG);
    }
}
