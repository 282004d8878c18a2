package org.jioc.db;

/**
 * Device support for one record (a dset instance). Records call read/write from their process routine; return
 * values follow EPICS: 0 ok, 2 = "don't convert" for ai, negative = error. Asynchronous support sets PACT and
 * later calls {@link Record#requestAsyncCompletion()}.
 */
public interface DeviceSupport {
    /** init_record of the device support, pass 0 and 1. */
    default void init(Record r, int pass) throws DbException { }

    /** The I/O Intr list this record joins when SCAN is "I/O Intr", or null if the support has none. */
    default IoScanList ioScanList(Record r) { return null; }

    default long read(Record r) { return 0; }

    default long write(Record r) { return 0; }

    /** special_linconv for ai/ao (after ESLO/EOFF etc. change). */
    default void linconv(Record r, boolean after) { }
}
