package org.jioc.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An opened run: its uid and scan_id and the start document as recorded (with uid, scan_id and time filled in). */
public record RunHandle(String uid, long scanId, ObjectNode startDoc, boolean deferred) {
}
