package org.jioc.pva;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.epics.pva.PVASettings;

/**
 * What of core-pva's logging reaches the IOC log. core-pva logs normal operation at INFO (every growth of a receive
 * buffer while a large put arrives) and some normal situations as WARNING. Unless logging was configured for it,
 * its logger is set to WARNING, and these situations are demoted to FINE (seen only when FINE logging is on):
 * <ul>
 * <li>"Skipping already submitted ...": a monitor update merged into one the client has not been sent yet (latest
 * value plus overrun mask) — flow control for a slow client; also counted, pvasr shows the count.
 * <li>"... requested X as CID n but also m": a client opened the same channel twice on one connection, which
 * {@link org.epics.pva.server.JiocServerPV} tracks itself.
 * <li>"TCP sender/receiver ... exits because of error" with a socket error: a client went away.
 * </ul>
 */
final class CoreLog implements Filter {
    static final AtomicLong COALESCED = new AtomicLong();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private final Filter next;

    private CoreLog(Filter next) { this.next = next; }

    static void install() {
        if (!INSTALLED.compareAndSet(false, true)) return;
        Logger core = PVASettings.logger;
        if (core.getLevel() == null) core.setLevel(Level.WARNING);
        core.setFilter(new CoreLog(core.getFilter()));
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String m = record.getMessage();
        if (m != null) {
            if (m.startsWith("Skipping already submitted")) {
                COALESCED.incrementAndGet();
                record.setLevel(Level.FINE);
            } else if (m.startsWith("Client ") && m.contains(" but also ")) {
                record.setLevel(Level.FINE);
            } else if (m.contains("exits because of error") && record.getThrown() instanceof java.io.IOException) {
                record.setLevel(Level.FINE);
            }
        }
        return next == null || next.isLoggable(record);
    }
}
