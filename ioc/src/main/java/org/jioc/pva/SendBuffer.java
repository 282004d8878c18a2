package org.jioc.pva;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jioc.db.Database;
import org.jioc.db.DbfType;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * How big core-pva's send buffer must be. core-pva builds each message in one per-connection buffer of
 * EPICS_PVA_SEND_BUFFER_SIZE bytes and cannot send a value that does not fit (the client's request just times out),
 * so the buffer must hold the largest value any field of the database can have: the biggest array at full capacity
 * (NELM × element size), or the longest string (lsi/lso VAL, links read as "$"), plus room for the structure around it.
 */
final class SendBuffer {
    private SendBuffer() { }

    /** Room for everything but the value: alarm, time, display strings, enum choices, message headers. */
    static final int HEADROOM = 64 * 1024;

    /** Bytes needed to send the largest value in db, with headroom. */
    static int needed(Database db) {
        Map<RecordType, List<FieldDef>> sized = new HashMap<>();
        long largest = 0;
        for (Record r : db.records()) {
            for (FieldDef f : sized.computeIfAbsent(r.type(), SendBuffer::variableSizeFields)) {
                largest = Math.max(largest, bytes(r, f));
            }
        }
        return (int) Math.min(Integer.MAX_VALUE - 16L, largest + HEADROOM);
    }

    /** The fields of a type whose encoded size depends on the record: arrays, strings and links. */
    private static List<FieldDef> variableSizeFields(RecordType t) {
        List<FieldDef> out = new ArrayList<>();
        for (FieldDef f : t.fields()) {
            if (f.isArray() || f.type == DbfType.STRING || f.type.isLink()) out.add(f);
        }
        return out;
    }

    private static long bytes(Record r, FieldDef f) {
        if (f.isArray()) return (long) r.arrayCapacity(f) * PvaType.of(r.fieldType(f)).elementBytes;
        if (f.type.isLink()) return FieldAddress.LINK_STRING_SIZE + 5;
        return r.stringSize(f) + 5L;
    }
}
