package org.jioc.autosave;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The text of a .sav file as autosave writes it: a header line, "! N channel(s) not connected" when some PVs had
 * no value, one "PVNAME value" line per PV (arrays as {@code PVNAME @array@ { "1" "2" }}, PVs without a value as
 * {@code #PVNAME Not Connected}), and {@code <END>} last, which is how a reader knows the file is complete.
 */
final class SaveFileFormat {
    static final String END = "<END>";
    static final String ARRAY_MARKER = "@array@";
    static final String NOT_CONNECTED = "Not Connected";
    /** autosave's date stamp (fGetDateStr): YYMMDD-HHMMSS, local time. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMdd-HHmmss");
    /** Autosave version the file format follows; readers take the number after the 'V' as the format version. */
    static final String VERSION = "save/restore V5.11";

    private SaveFileFormat() { }

    /** One PV of a file to write: its name and value, or null when the PV has no value (not in this IOC). */
    record Line(String pvName, SavedValue value) { }

    static String header(LocalDateTime when) {
        return "# " + VERSION + "\tAutomatically generated - DO NOT MODIFY - " + DATE.format(when) + "\n";
    }

    /** Everything after the header; equal bodies mean equal saved values. */
    static String body(List<Line> lines) {
        StringBuilder b = new StringBuilder(lines.size() * 32 + 16);
        long missing = lines.stream().filter(l -> l.value() == null).count();
        if (missing > 0) {
            b.append("! ").append(missing).append(" channel(s) not connected - or not all gets were successful\n");
        }
        for (Line l : lines) {
            if (l.value() == null) {
                b.append('#').append(l.pvName()).append(' ').append(NOT_CONNECTED).append('\n');
            } else if (l.value() instanceof SavedValue.Scalar s) {
                b.append(l.pvName()).append(' ').append(EpicsEscapes.escape(s.text())).append('\n');
            } else {
                b.append(l.pvName()).append(' ');
                appendArray(b, ((SavedValue.Array) l.value()).elements());
                b.append('\n');
            }
        }
        b.append(END).append('\n');
        return b.toString();
    }

    /**
     * {@code @array@ { "e1" "e2" }}: each element C-escaped, then '"' and '\' escaped once more with a backslash,
     * because autosave's reader strips that layer before it un-escapes the element.
     */
    private static void appendArray(StringBuilder b, List<String> elements) {
        b.append(ARRAY_MARKER).append(" { ");
        for (String e : elements) {
            b.append('"');
            String escaped = EpicsEscapes.escape(e);
            for (int i = 0; i < escaped.length(); i++) {
                char c = escaped.charAt(i);
                if (c == '"' || c == '\\') b.append('\\');
                b.append(c);
            }
            b.append("\" ");
        }
        b.append('}');
    }
}
