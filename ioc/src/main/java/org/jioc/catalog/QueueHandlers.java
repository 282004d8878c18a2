package org.jioc.catalog;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The commands the queue runner knows, by name. The plan layer registers "scan", "count", ...; the catalog itself
 * registers two harmless ones that are real queue commands: "noop" (does nothing, output "noop") and "sleep"
 * ({"seconds": s}, waits s seconds; a cancel ends the wait); the IOC's catalog adds "snapshot" (SnapshotCommand).
 */
public final class QueueHandlers {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    /** The longest sleep accepted: a day. */
    static final double MAX_SLEEP = 86400;

    private final Map<String, QueueHandler> handlers = new TreeMap<>();

    public QueueHandlers() {
        register("noop", (args, task) -> "noop");
        register("sleep", QueueHandlers::sleep);
    }

    public synchronized void register(String command, QueueHandler handler) {
        if (command == null || !NAME.matcher(command).matches())
            throw new IllegalArgumentException("queue command name '" + command + "' is not a plain name");
        if (handlers.putIfAbsent(command, handler) != null)
            throw new IllegalArgumentException("queue command '" + command + "' is already registered");
    }

    public synchronized QueueHandler get(String command) { return handlers.get(command); }

    public synchronized Set<String> names() { return Set.copyOf(handlers.keySet()); }

    private static String sleep(JsonNode args, QueueTask task) throws Exception {
        JsonNode s = args.get("seconds");
        if (s == null || !s.isNumber())
            throw new IllegalArgumentException("sleep needs {\"seconds\": number}, got " + args);
        double seconds = s.asDouble();
        if (!(seconds >= 0 && seconds <= MAX_SLEEP))
            throw new IllegalArgumentException("sleep: seconds must be 0.." + (long) MAX_SLEEP + ", not " + s);
        task.message("sleeping " + s + " s");
        task.sleep(seconds);
        return "slept " + s + " s";
    }
}
