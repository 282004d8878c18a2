package org.jioc.motion;

/**
 * An asyn hardware address as motor templates write it in OUT: {@code @asyn(PORT,ADDR[,TIMEOUT])} (commas or
 * spaces between the arguments, as asynEpicsUtils accepts).
 */
public record AsynAddress(String port, int address) {
    /** Parse the text of an INST_IO link (with or without the leading '@'); IllegalArgumentException if bad. */
    public static AsynAddress parse(String link) {
        String t = link == null ? "" : link.trim();
        if (t.startsWith("@")) t = t.substring(1).trim();
        if (!t.startsWith("asyn(") || t.indexOf(')') < 0) throw bad(link);
        String inner = t.substring(5, t.indexOf(')')).trim();
        String[] parts = inner.split("[,\\s]+");
        if (parts.length < 1 || parts[0].isEmpty() || parts.length > 3) throw bad(link);
        int addr = 0;
        if (parts.length > 1) {
            try {
                addr = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw bad(link);
            }
        }
        return new AsynAddress(parts[0], addr);
    }

    private static IllegalArgumentException bad(String link) {
        return new IllegalArgumentException("bad address '" + link + "': expected @asyn(PORT,AXIS)");
    }
}
