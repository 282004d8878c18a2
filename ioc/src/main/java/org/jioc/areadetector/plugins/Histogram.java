package org.jioc.areadetector.plugins;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDDataType;

/**
 * NDPluginStats' histogram: size bins over [min, max]; value v goes to bin (int)((v − min)·size/(max − min) + 0.5),
 * so bin k is centred on min + k·(max − min)/size. Values below min (or rounding below bin 0) count in below,
 * values above max (or past the last bin) in above, NaN nowhere. Entropy = −Σ c·ln c / N over the bins
 * (areaDetector's form).
 */
record Histogram(double[] counts, long below, long above, double entropy) {
    private static final int CHUNK = 4096;

    /**
     * The slot of every value of an 8- or 16-bit type for one setting of size, min and max; a Stats port keeps
     * one, so the table is rebuilt only when the type or the histogram settings change.
     */
    static final class Tables {
        private NDDataType type;
        private int size;
        private double min, max;
        private int[] table;

        synchronized int[] get(NDDataType t, int size, double min, double max) {
            if (table == null || t != type || size != this.size || min != this.min || max != this.max) {
                int range = 1 << (8 * t.bytes);
                int base = t.unsigned ? 0 : -(range / 2);
                int[] tb = new int[range];
                for (int k = 0; k < range; k++) tb[k] = slot(base + k, size, min, max);
                type = t;
                this.size = size;
                this.min = min;
                this.max = max;
                table = tb;
            }
            return table;
        }
    }

    /** IllegalArgumentException unless size ≥ 1 and max > min. */
    static Histogram of(NDArray a, int size, double min, double max) { return of(a, size, min, max, new Tables()); }

    /** As {@link #of(NDArray, int, double, double)}, with the look-up tables kept in tables. */
    static Histogram of(NDArray a, int size, double min, double max, Tables tables) {
        if (size < 1) throw new IllegalArgumentException("HistSize must be >= 1, not " + size);
        if (!(max > min)) throw new IllegalArgumentException("HistMax (" + max + ") must be above HistMin (" + min + ")");
        // Slots 0..size-1 are the bins, slot size counts below, size+1 above.
        int[] slots = new int[size + 2];
        int n = a.numElements();
        NDDataType t = a.dataType();
        int range = 1 << (8 * t.bytes);
        if (PixelRows.fitsInt(t) && n >= range) tableCounts(a, tables.get(t, size, min, max), slots);
        else directCounts(a, size, min, max, slots);
        double[] counts = new double[size];
        double e = 0;
        for (int k = 0; k < size; k++) {
            counts[k] = slots[k];
            if (slots[k] > 0) e += slots[k] * Math.log(slots[k]);
        }
        return new Histogram(counts, slots[size], slots[size + 1], -e / n);
    }

    /** The slot of value v, or -1 for NaN. */
    private static int slot(double v, int size, double min, double max) {
        double b = (v - min) * (size / (max - min)) + 0.5;
        if (v < min || b < 0) return size;
        if (v > max || b >= size) return size + 1;
        return b == b ? (int) b : -1;
    }

    private static void directCounts(NDArray a, int size, double min, double max, int[] slots) {
        int n = a.numElements();
        double[] buf = new double[Math.min(CHUNK, n)];
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            PixelRows.toDouble(a.data(), a.dataType(), from, len, buf);
            for (int i = 0; i < len; i++) {
                int s = slot(buf[i], size, min, max);
                if (s >= 0) slots[s]++;
            }
        }
    }

    /**
     * 8- and 16-bit frames of at least as many pixels as the type has values: the slot of every possible value is
     * worked out once (see Tables), and each pixel is one table look-up. The table index of a pixel is its bits
     * read unsigned, with the sign bit flipped for the signed types (so -128 or -32768 is index 0). Pixels are read
     * straight from the frame's byte[] or short[], and four partial counts keep runs of equal pixels (a flat
     * background) from waiting on one counter.
     */
    private static void tableCounts(NDArray a, int[] table, int[] slots) {
        int w = slots.length;
        int[] p0 = new int[w], p1 = new int[w], p2 = new int[w], p3 = new int[w];
        boolean signed = !a.dataType().unsigned;
        if (a.data() instanceof byte[]) {
            byte[] px = (byte[]) a.data();
            int flip = signed ? 0x80 : 0, n = px.length, i = 0;
            for (; i + 3 < n; i += 4) {
                p0[table[(px[i] & 0xFF) ^ flip]]++;
                p1[table[(px[i + 1] & 0xFF) ^ flip]]++;
                p2[table[(px[i + 2] & 0xFF) ^ flip]]++;
                p3[table[(px[i + 3] & 0xFF) ^ flip]]++;
            }
            for (; i < n; i++) p0[table[(px[i] & 0xFF) ^ flip]]++;
        } else {
            short[] px = (short[]) a.data();
            int flip = signed ? 0x8000 : 0, n = px.length, i = 0;
            for (; i + 3 < n; i += 4) {
                p0[table[(px[i] & 0xFFFF) ^ flip]]++;
                p1[table[(px[i + 1] & 0xFFFF) ^ flip]]++;
                p2[table[(px[i + 2] & 0xFFFF) ^ flip]]++;
                p3[table[(px[i + 3] & 0xFFFF) ^ flip]]++;
            }
            for (; i < n; i++) p0[table[(px[i] & 0xFFFF) ^ flip]]++;
        }
        for (int k = 0; k < w; k++) slots[k] += p0[k] + p1[k] + p2[k] + p3[k];
    }
}
