package org.jioc.areadetector.hdf5;

/**
 * The NDFileHDF5 Compression choices this writer supports, with the mbbo index of the areaDetector enum
 * ({@code None}0 {@code N-bit}1 {@code szip}2 {@code zlib}3 {@code Blosc}4 {@code BSLZ4}5 {@code LZ4}6 {@code JPEG}7)
 * and the registered HDF5 filter id.
 */
public enum Compression {
    NONE("None", 0, 0), ZLIB("zlib", 3, 1), LZ4("LZ4", 6, Lz4H5Filter.ID);

    public final String adName;
    public final int adIndex;
    /** HDF5 filter id; 0 = no filter. */
    public final int filterId;

    Compression(String adName, int adIndex, int filterId) {
        this.adName = adName;
        this.adIndex = adIndex;
        this.filterId = filterId;
    }

    /** By areaDetector enum string (case-sensitive, as the mbbo strings). */
    public static Compression ofAdName(String name) {
        for (Compression c : values()) if (c.adName.equals(name)) return c;
        throw new CaptureSpoolException("Compression '" + name + "' is not supported (None, zlib, LZ4)");
    }
}
