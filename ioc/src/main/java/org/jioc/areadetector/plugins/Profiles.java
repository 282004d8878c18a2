package org.jioc.areadetector.plugins;

import org.jioc.areadetector.NDArray;

/**
 * NDPluginStats' profiles of a 1- or 2-dimensional frame (ComputeProfiles): X profiles have one value per column,
 * Y profiles one per row. Average profiles average every pixel of the column (row); threshold profiles the same
 * with pixels below the centroid threshold counted as 0; centroid and cursor profiles are the row and the column
 * through a point.
 */
final class Profiles {
    private Profiles() { }

    /** The average and threshold profiles: {averageX, averageY, thresholdX, thresholdY}. */
    static double[][] averages(NDArray a, double threshold) {
        int nx = a.dim(0), ny = a.ndims() > 1 ? a.dim(1) : 1;
        if (a.ndims() > 2) throw new IllegalArgumentException("profiles need a 1- or 2-dimensional frame");
        double[] avgX = new double[nx], avgY = new double[ny], thrX = new double[nx], thrY = new double[ny];
        double[] row = new double[nx];
        for (int iy = 0; iy < ny; iy++) {
            PixelRows.toDouble(a.data(), a.dataType(), iy * nx, nx, row);
            double sum = 0, above = 0;
            for (int ix = 0; ix < nx; ix++) {
                double v = row[ix];
                avgX[ix] += v;
                sum += v;
                if (v >= threshold) {
                    thrX[ix] += v;
                    above += v;
                }
            }
            avgY[iy] = sum / nx;
            thrY[iy] = above / nx;
        }
        for (int ix = 0; ix < nx; ix++) {
            avgX[ix] /= ny;
            thrX[ix] /= ny;
        }
        return new double[][] {avgX, avgY, thrX, thrY};
    }

    /** {the row through y (an X profile), the column through x (a Y profile)}, x and y clamped into the frame. */
    static double[][] lines(NDArray a, int x, int y) {
        int nx = a.dim(0), ny = a.ndims() > 1 ? a.dim(1) : 1;
        if (a.ndims() > 2) throw new IllegalArgumentException("profiles need a 1- or 2-dimensional frame");
        x = Math.min(Math.max(x, 0), nx - 1);
        y = Math.min(Math.max(y, 0), ny - 1);
        double[] rowX = new double[nx], colY = new double[ny];
        PixelRows.toDouble(a.data(), a.dataType(), y * nx, nx, rowX);
        double[] one = new double[1];
        for (int iy = 0; iy < ny; iy++) {
            PixelRows.toDouble(a.data(), a.dataType(), iy * nx + x, 1, one);
            colY[iy] = one[0];
        }
        return new double[][] {rowX, colY};
    }

    /** The pixel index nearest a centroid coordinate (ADCore rounds by adding 0.5 and truncating). */
    static int nearest(double c) { return (int) (c + 0.5); }
}
