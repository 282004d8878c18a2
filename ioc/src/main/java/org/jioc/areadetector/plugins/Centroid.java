package org.jioc.areadetector.plugins;

import org.jioc.areadetector.NDArray;

/**
 * NDPluginStats' centroid of a 1- or 2-dimensional frame from the pixels at or above a threshold: their total,
 * first moments (CentroidX/Y, pixel index units), standard deviations SigmaX/Y, SigmaXY (the correlation
 * σxy/(σx·σy), as areaDetector defines it), skewness, excess kurtosis, eccentricity and orientation (degrees).
 * With no pixel at or above the threshold everything is 0.
 */
record Centroid(double total, double x, double y, double sigmaX, double sigmaY, double sigmaXY, double skewX,
                double skewY, double kurtosisX, double kurtosisY, double eccentricity, double orientation) {
    static final Centroid NONE = new Centroid(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** IllegalArgumentException for frames of more than 2 dimensions (areaDetector computes none either). */
    static Centroid of(NDArray a, double threshold) {
        if (a.ndims() > 2) throw new IllegalArgumentException("centroid needs a 1- or 2-dimensional frame");
        int nx = a.dim(0), ny = a.ndims() > 1 ? a.dim(1) : 1;
        double[] px = new double[nx], py = new double[ny], row = new double[nx];
        double m11 = 0;
        for (int iy = 0; iy < ny; iy++) {
            PixelRows.toDouble(a.data(), a.dataType(), iy * nx, nx, row);
            double rowSum = 0, rowX = 0;
            for (int ix = 0; ix < nx; ix++) {
                double v = row[ix];
                if (v >= threshold) {
                    px[ix] += v;
                    rowSum += v;
                    rowX += v * ix;
                }
            }
            py[iy] = rowSum;
            m11 += rowX * iy;
        }
        double[] mx = moments(px), my = moments(py);
        double m00 = mx[0];
        if (!(m00 > 0)) return NONE;
        double m10 = mx[1], m20 = mx[2], m30 = mx[3], m40 = mx[4];
        double m01 = my[1], m02 = my[2], m03 = my[3], m04 = my[4];
        double cx = m10 / m00, cy = m01 / m00;
        // Central moments from the raw ones.
        double mu20 = m20 - m10 * cx, mu02 = m02 - m01 * cy, mu11 = m11 - m10 * cy;
        double mu30 = m30 - 3 * cx * m20 + 2 * m10 * cx * cx;
        double mu03 = m03 - 3 * cy * m02 + 2 * m01 * cy * cy;
        double mu40 = m40 - 4 * cx * m30 + 6 * cx * cx * m20 - 3 * m10 * cx * cx * cx;
        double mu04 = m04 - 4 * cy * m03 + 6 * cy * cy * m02 - 3 * m01 * cy * cy * cy;
        double varX = mu20 / m00, varY = mu02 / m00, varXY = mu11 / m00;
        double sx = Math.sqrt(Math.max(varX, 0)), sy = Math.sqrt(Math.max(varY, 0));
        double sxy = sx != 0 && sy != 0 ? varXY / (sx * sy) : 0;
        double skewX = varX > 0 ? mu30 / (m00 * Math.pow(varX, 1.5)) : 0;
        double skewY = varY > 0 ? mu03 / (m00 * Math.pow(varY, 1.5)) : 0;
        double kurtX = varX > 0 ? mu40 / (m00 * varX * varX) - 3 : 0;
        double kurtY = varY > 0 ? mu04 / (m00 * varY * varY) - 3 : 0;
        double orientation = Math.toDegrees(0.5 * Math.atan2(2 * varXY, varX - varY));
        double sum2 = (mu20 + mu02) * (mu20 + mu02);
        double ecc = sum2 > 0 ? ((mu20 - mu02) * (mu20 - mu02) - 4 * mu11 * mu11) / sum2 : 0;
        return new Centroid(m00, cx, cy, sx, sy, sxy, skewX, skewY, kurtX, kurtY, ecc, orientation);
    }

    /** Σp, Σp·i, Σp·i², Σp·i³, Σp·i⁴ of a profile. */
    private static double[] moments(double[] p) {
        double[] m = new double[5];
        for (int i = 0; i < p.length; i++) {
            double w = p[i];
            m[0] += w;
            m[1] += w * i;
            m[2] += w * i * (double) i;
            m[3] += w * i * (double) i * i;
            m[4] += w * i * (double) i * i * i;
        }
        return m;
    }
}
