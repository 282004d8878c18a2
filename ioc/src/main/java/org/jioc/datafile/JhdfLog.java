package org.jioc.datafile;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What of jHDF's logging reaches the IOC log (jHDF logs through slf4j, bound to java.util.logging). jHDF logs every
 * file it writes at INFO and warns "Writing files is in alpha" on every write; the IOC checks its files itself
 * (tests read them back with h5py), so unless logging was configured for "io.jhdf" its level is WARNING and that
 * warning is demoted to FINE. Other jHDF warnings stay visible.
 */
public final class JhdfLog implements Filter {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    /** Held so the configured logger is not garbage collected (java.util.logging keeps loggers weakly). */
    private static final Logger JHDF = Logger.getLogger("io.jhdf");
    private final Filter next;

    private JhdfLog(Filter next) { this.next = next; }

    public static void install() {
        if (!INSTALLED.compareAndSet(false, true)) return;
        if (JHDF.getLevel() == null) JHDF.setLevel(Level.WARNING);
        Logger writer = Logger.getLogger("io.jhdf.WritableHdfFile");
        writer.setFilter(new JhdfLog(writer.getFilter()));
        HELD[0] = writer;
    }

    private static final Logger[] HELD = new Logger[1];

    @Override
    public boolean isLoggable(LogRecord record) {
        String m = record.getMessage();
        if (m != null && m.startsWith("Writing files is in alpha")) {
            record.setLevel(Level.FINE);
            if (!JHDF.isLoggable(Level.FINE)) return false;
        }
        return next == null || next.isLoggable(record);
    }
}
