package org.jioc.db;

/** Metadata a record reports for one field: display, control and alarm limits (dbGet*Double). */
public final class Limits {
    public double displayLow, displayHigh;
    public double controlLow, controlHigh;
    public double lolo = Double.NaN, low = Double.NaN, high = Double.NaN, hihi = Double.NaN;

    public Limits display(double lo, double hi) { displayLow = lo; displayHigh = hi; return this; }
    public Limits control(double lo, double hi) { controlLow = lo; controlHigh = hi; return this; }
    public Limits alarm(double lolo, double low, double high, double hihi) {
        this.lolo = lolo; this.low = low; this.high = high; this.hihi = hihi;
        return this;
    }
}
