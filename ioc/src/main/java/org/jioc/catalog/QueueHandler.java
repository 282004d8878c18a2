package org.jioc.catalog;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs one queued command, on the queue runner's thread. Returns the command's output_value (may be null); throws
 * to fail it (the exception's message becomes "error: ..." in output_value, status aborted). Long work calls
 * {@link QueueTask#checkAbort()} or waits with {@link QueueTask#sleep}, so a cancel ends it; the thread is never
 * interrupted (JDBC drivers and file channels do not survive interrupts).
 */
@FunctionalInterface
public interface QueueHandler {
    String run(JsonNode arguments, QueueTask task) throws Exception;
}
