package org.jioc.areadetector.plugins;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDDataType;

/**
 * The pixel work of NDPluginROI (areaDetector's NDArrayPool::convert with dimensions): cut a region out of a 1-,
 * 2- or 3-dimensional frame, sum bin×bin×bin blocks, reverse dimensions, divide by a scale and cast to the output
 * type. Sums are exact in a long (integer output) or a double (float output, or scaling on) and are then cast as
 * C casts: an integer output that cannot hold a binned sum wraps modulo its width, as in areaDetector.
 */
final class RoiExtractor {
    private RoiExtractor() { }

    /**
     * @param dims one RoiDim per dimension of the frame (array order: dims[0] is the fastest-varying)
     * @param divisor 1 for none, else every summed pixel is divided by it before the cast (EnableScale/Scale)
     * @return a primitive array of outType with prod(dims[i].outSize()) elements, in the same dimension order
     */
    static Object extract(NDArray in, RoiDim[] dims, NDDataType outType, double divisor) {
        int nd = in.ndims();
        if (nd > 3 || dims.length != nd) {
            throw new IllegalArgumentException("ROI needs 1 to 3 dimensions, the frame has " + nd);
        }
        int nx = in.dim(0), ny = nd > 1 ? in.dim(1) : 1;
        RoiDim dx = dims[0], dy = nd > 1 ? dims[1] : RoiDim.whole(1), dz = nd > 2 ? dims[2] : RoiDim.whole(1);
        int ox = dx.outSize(), oy = dy.outSize(), oz = dz.outSize();
        int[] cy = dy.coordinates(), cz = dz.coordinates();
        Object data = in.data();
        if (dx.bin() == 1 && dy.bin() == 1 && dz.bin() == 1 && !dx.reverse() && outType == in.dataType()
                && divisor == 1) {
            Object out = outType.allocate(ox * oy * oz);
            for (int z = 0; z < oz; z++) {
                for (int y = 0; y < oy; y++) {
                    System.arraycopy(data, (cz[z] * ny + cy[y]) * nx + dx.offset(), out, (z * oy + y) * ox, ox);
                }
            }
            return out;
        }
        boolean inDouble = outType.isFloat() || divisor != 1;
        int used = dx.used();
        int[] cx = dx.coordinates();
        for (int k = 0; k < used; k++) cx[k] -= dx.offset();
        long[] lrow = inDouble ? null : new long[used];
        double[] drow = new double[used];
        long[] lacc = inDouble ? null : new long[ox * oy * oz];
        double[] dacc = inDouble ? new double[ox * oy * oz] : null;
        for (int kz = 0; kz < cz.length; kz++) {
            for (int ky = 0; ky < cy.length; ky++) {
                int from = (cz[kz] * ny + cy[ky]) * nx + dx.offset();
                int outBase = ((kz / dz.bin()) * oy + ky / dy.bin()) * ox;
                if (inDouble) {
                    PixelRows.toDouble(data, in.dataType(), from, used, drow);
                    binRow(drow, cx, dx.bin(), ox, dacc, outBase);
                } else {
                    PixelRows.toLong(data, in.dataType(), from, used, lrow, drow);
                    binRow(lrow, cx, dx.bin(), ox, lacc, outBase);
                }
            }
        }
        if (!inDouble) return PixelRows.fromLong(lacc, outType);
        if (divisor != 1) for (int i = 0; i < dacc.length; i++) dacc[i] /= divisor;
        return PixelRows.fromDouble(dacc, outType);
    }

    /** acc[base+o] += sum of row[cx[o*bin .. o*bin+bin)] for each output pixel o of a row. */
    private static void binRow(long[] row, int[] cx, int bin, int ox, long[] acc, int base) {
        int k = 0;
        for (int o = 0; o < ox; o++) {
            long s = 0;
            for (int b = 0; b < bin; b++) s += row[cx[k++]];
            acc[base + o] += s;
        }
    }

    private static void binRow(double[] row, int[] cx, int bin, int ox, double[] acc, int base) {
        int k = 0;
        for (int o = 0; o < ox; o++) {
            double s = 0;
            for (int b = 0; b < bin; b++) s += row[cx[k++]];
            acc[base + o] += s;
        }
    }
}
