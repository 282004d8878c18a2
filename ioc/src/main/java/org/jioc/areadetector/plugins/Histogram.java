package org.jioc.areadetector.plugins;

import org.jioc.areadetector.NDArray;

/**
 * NDPluginStats' histogram: size bins over [min, max]; value v goes to bin (int)((v − min)·size/(max − min) + 0.5),
 * so bin k is centred on min + k·(max − min)/size. Values below min (or rounding below bin 0) count in below,
 * values above max (or past the last bin) in above. Entropy = −Σ c·ln c / N over the bins (areaDetector's form).
 */
record Histogram(double[] counts, long below, long above, double entropy) {
    private static final int CHUNK = 4096;

    /** IllegalArgumentException unless size ≥ 1 and max > min. */
    static Histogram of(NDArray a, int size, double min, double max) {
        if (size < 1) throw new IllegalArgumentException("HistSize must be >= 1, not " + size);
        if (!(max > min)) throw new IllegalArgumentException("HistMax (" + max + ") must be above HistMin (" + min + ")");
        double scale = size / (max - min);
        double[] counts = new double[size];
        long below = 0, above = 0;
        int n = a.numElements();
        double[] buf = new double[Math.min(CHUNK, n)];
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            PixelRows.toDouble(a.data(), a.dataType(), from, len, buf);
            for (int i = 0; i < len; i++) {
                double v = buf[i];
                double b = (v - min) * scale + 0.5;
                if (v < min || b < 0) below++;
                else if (v > max || b >= size) above++;
                else if (b == b) counts[(int) b]++; // NaN pixels count nowhere
            }
        }
        double e = 0;
        for (double c : counts) if (c > 0) e += c * Math.log(c);
        return new Histogram(counts, below, above, -e / n);
    }
}
