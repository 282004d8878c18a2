package org.jioc.areadetector.plugins;

/**
 * One dimension of a region of interest after clipping to the input frame: the first input pixel (offset), how
 * many input pixels the region spans (size), how many input pixels sum into one output pixel (bin) and whether
 * the output runs backwards. The output has size/bin pixels; the last size%bin input pixels are left out.
 */
record RoiDim(int offset, int size, int bin, boolean reverse) {
    RoiDim {
        if (offset < 0 || size < 1 || bin < 1 || bin > size) {
            throw new IllegalArgumentException("bad ROI dimension offset " + offset + " size " + size + " bin " + bin);
        }
    }

    /** The whole of a dimension of length n, unbinned. */
    static RoiDim whole(int n) { return new RoiDim(0, n, 1, false); }

    /**
     * NDPluginROI's clipping of the requested region to an input dimension of length n: a disabled dimension is
     * taken whole; otherwise min goes into [0, n-1], AutoSize takes the full length, size goes into [1, n-min]
     * and the binning into [1, size].
     */
    static RoiDim clip(int min, int size, int bin, boolean reverse, boolean enabled, boolean autoSize, int n) {
        if (!enabled) return whole(n);
        int off = Math.min(Math.max(min, 0), n - 1);
        int sz = autoSize ? n : size;
        sz = Math.min(Math.max(sz, 1), n - off);
        int b = Math.min(Math.max(bin, 1), sz);
        return new RoiDim(off, sz, b, reverse);
    }

    int outSize() { return size / bin; }

    /** Input pixels that are read: outSize()*bin of them, starting at offset. */
    int used() { return outSize() * bin; }

    /**
     * For k in [0, used()): the input coordinate of the k-th pixel read, in output order (output pixel k/bin); a
     * reversed dimension reads from offset+used()-1 down to offset.
     */
    int[] coordinates() {
        int n = used();
        int[] c = new int[n];
        for (int k = 0; k < n; k++) c[k] = reverse ? offset + n - 1 - k : offset + k;
        return c;
    }
}
