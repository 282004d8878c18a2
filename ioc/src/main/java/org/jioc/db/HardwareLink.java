package org.jioc.db;

/** An INST_IO ("@...") or bus address link: interpreted only by the record's device support. */
public final class HardwareLink extends Link {
    public HardwareLink(String text) { super(text); }

    /** The text after '@' (the parameter string device support parses). */
    public String parameter() {
        String t = text().trim();
        int at = t.indexOf('@');
        return at < 0 ? t : t.substring(at + 1);
    }
}
