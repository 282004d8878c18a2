package org.jioc.security;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.NumberFormat;
import org.jioc.db.Record;

/**
 * Wraps the store of a trapped write so the value before and after is read under the same lock as the store
 * itself, then tells the listeners. The default listener logs to the "org.jioc.security.TrapWrite" logger.
 */
final class TrapWrite {
    static final Logger LOG = Logger.getLogger("org.jioc.security.TrapWrite");

    /** The listener every AccessSecurity starts with: one INFO line per trapped write. */
    static final TrapWriteListener LOGGER = e -> LOG.info("TRAPWRITE " + e);

    private TrapWrite() { }

    static Database.Store wrap(FieldAddress a, String user, String host, Database.Store store,
                               List<TrapWriteListener> listeners) {
        return r -> {
            String before = valueOf(r, a);
            store.store(r);
            TrapWriteListener.Event e = new TrapWriteListener.Event(user, host, a.channelName(), before,
                    valueOf(r, a));
            for (TrapWriteListener l : listeners) {
                try {
                    l.trapped(e);
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "trap-write listener failed", ex);
                }
            }
        };
    }

    /** The field as text, floating-point values in full (the record's PREC would round them). */
    private static String valueOf(Record r, FieldAddress a) {
        try {
            if (!a.field.isArray() && !a.longString && a.field.type.isFloating()) {
                return NumberFormat.plain(r.getDouble(a.field));
            }
            return r.getString(a.field);
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
