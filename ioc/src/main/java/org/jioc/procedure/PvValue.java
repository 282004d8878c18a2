package org.jioc.procedure;

import org.jioc.db.Menus;

/**
 * A PV's value as procedures see it: a number (the index for enums, NaN when it has none), its text (the enum
 * string, the formatted number, the string), its alarm severity, and whether it is connected at all.
 */
public record PvValue(double number, String text, int severity, boolean connected) {
    /** A PV that is not there (a remote PV not connected). */
    public static final PvValue DISCONNECTED = new PvValue(Double.NaN, "", Menus.INVALID, false);

    /** For messages: the text, or "disconnected". */
    public String describe() { return connected ? text : "disconnected"; }
}
