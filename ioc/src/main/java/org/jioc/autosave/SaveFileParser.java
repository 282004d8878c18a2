package org.jioc.autosave;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jioc.load.MacroException;
import org.jioc.load.Macros;

/**
 * Reads a .sav file the way autosave's boot restore does (PV name, one separator, the rest of the line is the
 * value; '#' lines are comments; arrays may span lines), but rejects the whole file when it is not trustworthy:
 * it must end with {@code <END>} (a writer that died early never gets there), contain no NUL or other control
 * bytes (blocks of zeros are what a crash leaves in a file being written), and every line must be a comment, a
 * "!" count or a PV line with a well-formed value. A rejected file is never partly restored.
 */
final class SaveFileParser {
    /** autosave's PV_NAME_LEN: longer "names" are a munged line. */
    private static final int MAX_NAME = 80;

    private final Path path;
    private final String[] lines;
    private final Map<String, String> macros;
    private final List<SaveFile.Entry> entries = new ArrayList<>();
    private final List<String> lineProblems = new ArrayList<>();
    private int missing;
    private int i;

    private SaveFileParser(Path path, String[] lines, Map<String, String> macros) {
        this.path = path;
        this.lines = lines;
        this.macros = macros;
    }

    /** Parse and check a save file; macros (may be empty) expand in every PV line, as set_passN_restoreFile allows. */
    static SaveFile parse(Path path, Map<String, String> macros) throws BadSaveFileException, NoSuchFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new BadSaveFileException("cannot be read (" + e.getMessage() + ")");
        }
        return parse(path, bytes, macros);
    }

    static SaveFile parse(Path path, byte[] bytes, Map<String, String> macros) throws BadSaveFileException {
        if (bytes.length == 0) throw new BadSaveFileException("is empty");
        checkBytes(bytes);
        checkEnd(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1); // strings written by a C IOC in Latin-1
        }
        SaveFileParser p = new SaveFileParser(path, text.split("\n", -1), macros);
        p.readAll();
        return new SaveFile(path, p.entries, p.missing, p.lineProblems);
    }

    /** A crash mid-write leaves NUL blocks; control bytes other than tab/CR/LF never come from a writer. */
    private static void checkBytes(byte[] b) throws BadSaveFileException {
        int line = 1;
        for (byte x : b) {
            if (x == '\n') {
                line++;
            } else if (x == 0) {
                throw new BadSaveFileException("contains garbage (NUL bytes at line " + line + ")");
            } else if (x >= 0 && x < 0x20 && x != '\t' && x != '\r' || x == 0x7f) {
                throw new BadSaveFileException("contains garbage (control character 0x"
                        + Integer.toHexString(x) + " at line " + line + ")");
            }
        }
    }

    /** The file must end with a line "<END>" followed by at most two line-end characters (autosave's check). */
    private static void checkEnd(byte[] b) throws BadSaveFileException {
        int end = b.length;
        for (int k = 0; k < 2 && end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r'); k++) end--;
        byte[] marker = SaveFileFormat.END.getBytes(StandardCharsets.US_ASCII);
        int start = end - marker.length;
        boolean ok = start >= 0 && (start == 0 || b[start - 1] == '\n');
        for (int k = 0; ok && k < marker.length; k++) ok = b[start + k] == marker[k];
        if (!ok) throw new BadSaveFileException("is truncated (it does not end with " + SaveFileFormat.END + ")");
    }

    private void readAll() throws BadSaveFileException {
        for (i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            int lineNo = i + 1;
            String lead = line.stripLeading();
            if (lead.isEmpty()) continue;
            if (lead.startsWith(SaveFileFormat.END)) return;
            if (lead.startsWith("#")) {
                String[] nv = split(lead);
                if (nv[1].startsWith(SaveFileFormat.ARRAY_MARKER)) readArray(nv[0], nv[1], lineNo); // skip it too
                continue;
            }
            if (lead.startsWith("!")) {
                missing += leadingInt(lead.substring(1));
                continue;
            }
            if (!macros.isEmpty()) {
                try {
                    lead = Macros.expand(lead, macros).stripLeading();
                } catch (MacroException e) {
                    lineProblems.add(path + ":" + lineNo + ": " + e.getMessage());
                    String[] nv = split(lead);
                    if (nv[1].startsWith(SaveFileFormat.ARRAY_MARKER)) readArray(nv[0], nv[1], lineNo);
                    continue;
                }
            }
            String[] nv = split(lead);
            String name = nv[0];
            if (name.length() > MAX_NAME || !RequestFileReader.isValidFirstPvChar(name.charAt(0))
                    || name.charAt(0) == '<' || name.charAt(0) == '>') {
                throw new BadSaveFileException("contains garbage (line " + lineNo + " is not 'PVNAME value': '"
                        + abbreviate(lead) + "')");
            }
            SavedValue v = nv[1].startsWith(SaveFileFormat.ARRAY_MARKER)
                    ? readArray(name, nv[1], lineNo)
                    : new SavedValue.Scalar(EpicsEscapes.unescape(nv[1]));
            entries.add(new SaveFile.Entry(name, v, lineNo));
        }
    }

    /** Name up to the first blank; the value is everything after exactly one separator character. */
    private static String[] split(String lead) {
        int end = 0;
        while (end < lead.length() && !Character.isWhitespace(lead.charAt(end))) end++;
        String value = end + 1 <= lead.length() ? lead.substring(Math.min(end + 1, lead.length())) : "";
        return new String[] {lead.substring(0, end), value};
    }

    /**
     * {@code @array@ { "e1" "e2" ... }}, possibly over several lines: inside an element a backslash makes the next
     * quote or backslash literal, then the element is C-unescaped (autosave's SR_array_restore).
     */
    private SavedValue.Array readArray(String name, String value, int lineNo) throws BadSaveFileException {
        String cur = value.substring(SaveFileFormat.ARRAY_MARKER.length());
        int pos = cur.indexOf('{');
        if (pos < 0) {
            throw new BadSaveFileException("contains garbage (line " + lineNo + ": " + name + " has "
                    + SaveFileFormat.ARRAY_MARKER + " without '{')");
        }
        pos++;
        List<String> elements = new ArrayList<>();
        StringBuilder elem = null;
        while (true) {
            if (pos >= cur.length()) {
                // an element or the list continues on the next line; the line break is not part of an element
                if (i + 1 >= lines.length || stripCr(lines[i + 1]).strip().equals(SaveFileFormat.END)) {
                    throw new BadSaveFileException("contains garbage (the array of " + name + " at line " + lineNo
                            + " is not closed with '}')");
                }
                cur = stripCr(lines[++i]);
                pos = 0;
                continue;
            }
            char c = cur.charAt(pos++);
            if (elem == null) {
                if (c == '"') elem = new StringBuilder();
                else if (c == '}') return new SavedValue.Array(elements);
                continue;
            }
            if (c == '\\' && pos < cur.length() && (cur.charAt(pos) == '"' || cur.charAt(pos) == '\\')) {
                elem.append(cur.charAt(pos++)); // the file's own escape layer; C escapes remain for unescape()
            } else if (c == '"') {
                elements.add(EpicsEscapes.unescape(elem.toString()));
                elem = null;
            } else {
                elem.append(c);
            }
        }
    }

    private static int leadingInt(String s) {
        String t = s.strip();
        int end = 0;
        while (end < t.length() && Character.isDigit(t.charAt(end))) end++;
        return end == 0 ? 0 : Integer.parseInt(t.substring(0, Math.min(end, 9)));
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
