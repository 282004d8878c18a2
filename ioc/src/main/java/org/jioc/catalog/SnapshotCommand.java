package org.jioc.catalog;

import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jioc.db.Database;
import org.jioc.db.FieldAddress;

/**
 * The built-in queue command "snapshot": {"pvs": ["name", ...], "md": {...}} reads each PV of this IOC once and
 * records that as a one-point run (plan_name "snapshot", detectors = the PVs, the readings in the start document
 * under "readings", md merged in), closed with success and num_events {"primary": 1}. A quick "what was the state"
 * record for the log book, and the smallest real run the queue can make without the plan layer.
 */
final class SnapshotCommand implements QueueHandler {
    private final Supplier<Database> database;
    private final Supplier<RunCatalog> runs;

    SnapshotCommand(Supplier<Database> database, Supplier<RunCatalog> runs) {
        this.database = database;
        this.runs = runs;
    }

    @Override
    public String run(JsonNode args, QueueTask task) throws Exception {
        JsonNode pvs = args.get("pvs");
        if (pvs == null || !pvs.isArray() || pvs.isEmpty())
            throw new IllegalArgumentException("snapshot needs {\"pvs\": [\"PV name\", ...]}, got " + args);
        JsonNode md = args.get("md");
        if (md != null && !md.isObject()) throw new IllegalArgumentException("snapshot: md must be an object");
        Database db = database.get();
        ObjectNode start = RunStore.JSON.createObjectNode();
        if (md != null) start.setAll((ObjectNode) md);
        start.put("plan_name", "snapshot");
        start.set("plan_args", args);
        start.putArray("motors");
        start.set("detectors", pvs);
        start.put("num_points", 1);
        ObjectNode readings = start.putObject("readings");
        for (JsonNode pv : pvs) {
            FieldAddress a = db.resolve(pv.asText());
            if (a == null) throw new IllegalArgumentException("snapshot: no PV " + pv.asText() + " in this IOC");
            try (var g = a.lock()) {
                readings.put(pv.asText(), a.record.getString(a.field));
            }
        }
        task.checkAbort();
        RunCatalog catalog = runs.get();
        RunHandle h = catalog.openRun(start);
        catalog.closeRun(h.uid(), ExitStatus.SUCCESS, "", Map.of("primary", 1L));
        return "run " + h.scanId() + " " + h.uid();
    }
}
