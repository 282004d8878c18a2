package org.jioc.db;

import java.util.Locale;

/** The modifiers after a DB link target: process (NPP/PP/CA/CP/CPP) and maximize-severity (NMS/MS/MSI/MSS). */
public final class LinkOptions {
    public enum Pp { NPP, PP, CA, CP, CPP }
    public enum Ms { NMS, MS, MSI, MSS }

    public final String target;   // "rec" or "rec.FIELD"
    public final Pp pp;
    public final Ms ms;
    public final boolean forceCa;

    private LinkOptions(String target, Pp pp, Ms ms, boolean forceCa) {
        this.target = target;
        this.pp = pp;
        this.ms = ms;
        this.forceCa = forceCa;
    }

    /** Parse "rec.FIELD PP MS"; unknown modifiers are an error as in dbStaticLib. */
    public static LinkOptions parse(String text) throws DbException {
        String[] parts = text.trim().split("[\\s,]+");
        Pp pp = Pp.NPP;
        Ms ms = Ms.NMS;
        boolean ca = false;
        for (int i = 1; i < parts.length; i++) {
            String m = parts[i].toUpperCase(Locale.ROOT);
            switch (m) {
                case "NPP": pp = Pp.NPP; break;
                case "PP": pp = Pp.PP; break;
                case "CA": pp = Pp.CA; ca = true; break;
                case "CP": pp = Pp.CP; break;
                case "CPP": pp = Pp.CPP; break;
                case "NMS": ms = Ms.NMS; break;
                case "MS": ms = Ms.MS; break;
                case "MSI": ms = Ms.MSI; break;
                case "MSS": ms = Ms.MSS; break;
                default: throw new DbException(DbException.Kind.BAD_VALUE,
                        "unknown link modifier '" + parts[i] + "' in '" + text.trim() + "'");
            }
        }
        return new LinkOptions(parts[0], pp, ms, ca);
    }

    public String recordName() {
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(0, dot);
    }

    public String fieldName() {
        int dot = target.lastIndexOf('.');
        return dot < 0 ? "VAL" : target.substring(dot + 1);
    }
}
