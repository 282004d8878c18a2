package org.jioc.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The command queue (epicsscan's commands table): clients submit rows with status "requested" (through this
 * class, the Queue PVs or plain SQL), a queue runner claims them one at a time in run order, runs them and sets the
 * final status. Order is run_order, or the id where run_order is NULL (rows inserted by SQL without one).
 *
 * <p>Claiming is safe between IOCs sharing a database: the row is chosen (PostgreSQL: {@code FOR UPDATE SKIP
 * LOCKED}, so a second claimer takes the next row instead of waiting) and then taken with an UPDATE that only
 * succeeds while it is still "requested", so two claimers can never both get it.
 */
public final class CommandQueue {
    /** Larger arguments are refused: they are JSON for a handler, not data. */
    public static final int MAX_ARGUMENTS = 1_000_000;
    static final String ORDER = " ORDER BY COALESCE(run_order, id), id";
    private static final String COLUMNS = "id, command, arguments, status, run_order, request_time, start_time,"
            + " modify_time, output_value, output_file, notes, submitted_by, claimed_by";

    private final CatalogDatabase db;

    public CommandQueue(CatalogDatabase db) { this.db = db; }

    /** Add a requested command at the end of the queue (run_order = last + 1); arguments must be JSON ("" means {}). Returns its id. */
    public long submit(String command, String arguments, String notes, String submittedBy, String outputFile)
            throws CatalogException {
        String cmd = command == null ? "" : command.trim();
        if (cmd.isEmpty()) throw new CatalogException("no command given");
        if (cmd.length() > 256) throw new CatalogException("command name is over 256 characters");
        String args = checkArguments(arguments);
        return db.transaction((c, d) -> {
            Instant now = Instant.now();
            long order = lastOrder(c) + 1;
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO commands (command, arguments, status,"
                    + " request_time, modify_time, notes, submitted_by, output_file, run_order) VALUES (?, ?,"
                    + " 'requested', ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ins.setLong(8, order);
                ins.setString(1, cmd);
                ins.setString(2, args);
                ins.setObject(3, RunStore.time(now));
                ins.setObject(4, RunStore.time(now));
                ins.setString(5, notes);
                ins.setString(6, submittedBy);
                ins.setString(7, outputFile);
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    if (!keys.next()) throw new SQLException("the database returned no id for the new command");
                    return keys.getLong("id");
                }
            }
        });
    }

    /** The arguments as compact JSON text; "" or null is {}. */
    static String checkArguments(String arguments) throws CatalogException {
        String a = arguments == null ? "" : arguments.trim();
        if (a.isEmpty()) return "{}";
        if (a.length() > MAX_ARGUMENTS) throw new CatalogException("arguments are over " + MAX_ARGUMENTS + " characters");
        try {
            return RunStore.json(RunStore.JSON.readTree(a));
        } catch (JsonProcessingException e) {
            throw new CatalogException("arguments are not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Cancel: a requested command becomes canceled; one being started or run becomes aborting (its runner aborts it
     * and sets aborted). Returns the status it has now; a command that has ended is left as it is.
     */
    public CommandStatus cancel(long id) throws CatalogException {
        return db.transaction((c, d) -> {
            QueuedCommand q = get(c, id);
            CommandStatus to = switch (q.status()) {
                case REQUESTED, UNKNOWN -> CommandStatus.CANCELED;
                case STARTING, RUNNING -> CommandStatus.ABORTING;
                default -> null;
            };
            if (to == null || !setStatus(c, id, q.status(), to)) return get(c, id).status();
            return to;
        });
    }

    /** Canceled or aborted → requested again, at the end of the queue, its earlier output cleared. */
    public void resubmit(long id) throws CatalogException {
        db.transaction((c, d) -> {
            QueuedCommand q = get(c, id);
            if (q.status() != CommandStatus.CANCELED && q.status() != CommandStatus.ABORTED)
                throw new CatalogException("command #" + id + " is " + q.status().sql()
                        + ": only canceled or aborted commands are resubmitted");
            long last = lastOrder(c);
            Instant now = Instant.now();
            try (PreparedStatement up = c.prepareStatement("UPDATE commands SET status = 'requested', run_order = ?,"
                    + " request_time = ?, modify_time = ?, start_time = NULL, output_value = NULL, claimed_by = NULL"
                    + " WHERE id = ? AND status = ?")) {
                up.setLong(1, last + 1);
                up.setObject(2, RunStore.time(now));
                up.setObject(3, RunStore.time(now));
                up.setLong(4, id);
                up.setString(5, q.status().sql());
                if (up.executeUpdate() != 1) throw new CatalogException("command #" + id + " changed meanwhile");
            }
            return null;
        });
    }

    /** Cancel every requested command; returns how many. */
    public int cancelRequested() throws CatalogException {
        return db.transaction((c, d) -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE commands SET status = 'canceled', modify_time = ?"
                    + " WHERE status = 'requested'")) {
                up.setObject(1, RunStore.time(Instant.now()));
                return up.executeUpdate();
            }
        });
    }

    /**
     * Take the next requested command for claimer: requested → starting, start_time and claimed_by set. Empty when
     * nothing is requested.
     */
    public Optional<QueuedCommand> claimNext(String claimer) throws CatalogException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Optional<Optional<QueuedCommand>> r = db.transaction((c, d) -> {
                String pick = "SELECT id FROM commands WHERE status = 'requested'" + ORDER + " LIMIT 1"
                        + (d == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "");
                long id;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(pick)) {
                    if (!rs.next()) return Optional.of(Optional.<QueuedCommand>empty());
                    id = rs.getLong(1);
                }
                Instant now = Instant.now();
                try (PreparedStatement up = c.prepareStatement("UPDATE commands SET status = 'starting',"
                        + " start_time = ?, modify_time = ?, claimed_by = ? WHERE id = ? AND status = 'requested'")) {
                    up.setObject(1, RunStore.time(now));
                    up.setObject(2, RunStore.time(now));
                    up.setString(3, claimer);
                    up.setLong(4, id);
                    if (up.executeUpdate() != 1) return Optional.<Optional<QueuedCommand>>empty(); // lost the race
                }
                return Optional.of(Optional.of(get(c, id)));
            });
            if (r.isPresent()) return r.get();
        }
        throw new CatalogException("could not claim a command: other claimers kept taking them first");
    }

    /** Move id from one status to another; false (nothing changed) if it is no longer in from. */
    public boolean transition(long id, CommandStatus from, CommandStatus to) throws CatalogException {
        return db.transaction((c, d) -> setStatus(c, id, from, to));
    }

    /** The final status and output of a command this runner ran (any status it has now except a final one). */
    public void finish(long id, CommandStatus status, String outputValue, String outputFile) throws CatalogException {
        if (!status.isFinal()) throw new CatalogException("finish with canceled, aborted or finished, not " + status);
        db.transaction((c, d) -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE commands SET status = ?, modify_time = ?,"
                    + " output_value = ?, output_file = COALESCE(?, output_file) WHERE id = ?")) {
                up.setString(1, status.sql());
                up.setObject(2, RunStore.time(Instant.now()));
                up.setString(3, outputValue);
                up.setString(4, outputFile);
                up.setLong(5, id);
                if (up.executeUpdate() != 1) throw new CatalogException("no command #" + id);
            }
            return null;
        });
    }

    public QueuedCommand get(long id) throws CatalogException { return db.transaction((c, d) -> get(c, id)); }

    public CommandStatus status(long id) throws CatalogException { return get(id).status(); }

    /** Commands in queue order; activeOnly: those not yet ended. */
    public List<QueuedCommand> list(boolean activeOnly) throws CatalogException {
        return db.transaction((c, d) -> {
            String where = activeOnly ? " WHERE status NOT IN ('canceled', 'aborted', 'finished')" : "";
            List<QueuedCommand> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM commands" + where + ORDER)) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        });
    }

    /** How many commands wait (status requested). */
    public int length() throws CatalogException {
        return db.transaction((c, d) -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM commands WHERE status = 'requested'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** The place of the last command in the queue (0 when empty): new and resubmitted commands go after it. */
    private static long lastOrder(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(COALESCE(run_order, id)) FROM commands")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean setStatus(Connection c, long id, CommandStatus from, CommandStatus to) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE commands SET status = ?, modify_time = ?"
                + " WHERE id = ? AND status = ?")) {
            up.setString(1, to.sql());
            up.setObject(2, RunStore.time(Instant.now()));
            up.setLong(3, id);
            up.setString(4, from.sql());
            return up.executeUpdate() == 1;
        }
    }

    private static QueuedCommand get(Connection c, long id) throws SQLException, CatalogException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM commands WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) throw new CatalogException("no command #" + id);
                return row(rs);
            }
        }
    }

    private static QueuedCommand row(ResultSet rs) throws SQLException {
        long ro = rs.getLong("run_order");
        Long runOrder = rs.wasNull() ? null : ro;
        return new QueuedCommand(rs.getLong("id"), rs.getString("command"), rs.getString("arguments"),
                CommandStatus.ofSql(rs.getString("status")), runOrder, RunStore.instant(rs, "request_time"),
                RunStore.instant(rs, "start_time"), RunStore.instant(rs, "modify_time"), rs.getString("output_value"),
                rs.getString("output_file"), rs.getString("notes"), rs.getString("submitted_by"),
                rs.getString("claimed_by"));
    }
}
