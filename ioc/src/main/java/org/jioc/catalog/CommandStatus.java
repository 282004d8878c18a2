package org.jioc.catalog;

import java.util.Locale;

/** A queued command's state, epicsscan's vocabulary in its order (the commands.status column holds the text). */
public enum CommandStatus {
    UNKNOWN, REQUESTED, CANCELED, STARTING, RUNNING, ABORTING, STOPPING, ABORTED, FINISHED;

    public String sql() { return name().toLowerCase(Locale.ROOT); }

    public static CommandStatus ofSql(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return UNKNOWN;
        }
    }

    /** Has the command ended (it will not run unless resubmitted)? */
    public boolean isFinal() { return this == CANCELED || this == ABORTED || this == FINISHED; }
}
