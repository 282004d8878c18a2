package org.jioc.autosave;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jioc.load.MacroException;
import org.jioc.load.Macros;
import org.jioc.load.SourceLocation;
import org.jioc.load.UndefinedMacroException;

/**
 * Reads autosave request files: one PV per line ({@code REC.FIELD} or {@code REC}, {@code REC.FIELD$} for a long
 * string), {@code #} comments, and {@code file other.req MACRO=value,...} includes searched along the request-file
 * path. Macros expand on every line before it is read (macLib semantics); an include sees its own definitions
 * over those of the file that includes it, so a set's macros reach every level.
 *
 * <p>Where autosave prints a message and goes on (a missing include, a line that is no PV name), this reader stops
 * with {@code file:line: message}: a save set that silently lost half its PVs is found only after the next reboot.
 */
final class RequestFileReader {
    private static final int MAX_DEPTH = 20;

    private final List<Path> searchPath;
    private final List<RequestEntry> entries = new ArrayList<>();
    private final Deque<Path> including = new ArrayDeque<>();

    /** @param searchPath directories searched in order for a relative request-file name */
    RequestFileReader(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** Every PV of requestFile and its includes, in file order. */
    static List<RequestEntry> read(String requestFile, String macros, List<Path> searchPath)
            throws AutosaveFileException {
        RequestFileReader r = new RequestFileReader(searchPath);
        Map<String, String> defs;
        try {
            defs = Macros.parseDefinitions(macros);
        } catch (IllegalArgumentException e) {
            throw new AutosaveFileException(requestFile + ": bad macro definitions: " + e.getMessage());
        }
        Path file = r.find(requestFile);
        if (file == null) {
            throw new AutosaveFileException(requestFile + ": request file not found (searched " + r.searched() + ")");
        }
        r.readFile(file, defs);
        return r.entries;
    }

    private void readFile(Path file, Map<String, String> macros) throws AutosaveFileException {
        if (including.contains(file)) {
            throw new AutosaveFileException(file + ": includes itself (through " + including.peekLast() + ")");
        }
        if (including.size() >= MAX_DEPTH) {
            throw new AutosaveFileException(file + ": request files nested more than " + MAX_DEPTH + " deep");
        }
        List<String> lines = readLines(file);
        including.addLast(file);
        try {
            for (int i = 0; i < lines.size(); i++) {
                readLine(lines.get(i), new SourceLocation(file.toString(), i + 1), macros);
            }
        } finally {
            including.removeLast();
        }
    }

    private void readLine(String raw, SourceLocation where, Map<String, String> macros) throws AutosaveFileException {
        String stripped = raw.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) return;
        String line;
        try {
            line = Macros.expand(stripped, macros).strip();
        } catch (UndefinedMacroException e) {
            throw new AutosaveFileException(where, "macro $(" + e.macroName() + ") is not defined");
        } catch (MacroException e) {
            throw new AutosaveFileException(where, e.getMessage());
        }
        if (line.isEmpty() || line.startsWith("#")) return; // a macro may expand to nothing or to '#'
        String word = firstWord(line);
        if (word.equals("file") || word.startsWith("file\"")) {
            include(line.substring(4), where, macros);
            return;
        }
        if (!isValidFirstPvChar(word.charAt(0))) {
            throw new AutosaveFileException(where, "'" + word + "' is not a PV name");
        }
        String rest = line.substring(word.length()).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw new AutosaveFileException(where, "one PV per line: unexpected '" + rest + "' after " + word);
        }
        entries.add(new RequestEntry(word, where.toString()));
    }

    /** {@code file name macros}: quotes are ignored, blanks and commas separate definitions (autosave's rules). */
    private void include(String args, SourceLocation where, Map<String, String> macros) throws AutosaveFileException {
        String t = args.strip();
        if (t.startsWith("\"")) t = t.substring(1).strip();
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != '"') end++;
        String name = t.substring(0, end);
        if (name.isEmpty()) throw new AutosaveFileException(where, "'file' needs a request file name");
        StringBuilder defs = new StringBuilder();
        for (char c : t.substring(end).toCharArray()) {
            if (Character.isWhitespace(c) || c == ',') {
                if (defs.length() > 0 && defs.charAt(defs.length() - 1) != ',') defs.append(',');
            } else if (c != '"') {
                defs.append(c);
            }
        }
        Map<String, String> inner = new LinkedHashMap<>(macros);
        try {
            inner.putAll(Macros.parseDefinitions(defs.toString()));
        } catch (IllegalArgumentException e) {
            throw new AutosaveFileException(where, "bad macro definitions '" + defs + "': " + e.getMessage());
        }
        Path file = find(name);
        if (file == null) {
            throw new AutosaveFileException(where, "request file '" + name + "' not found (searched " + searched() + ")");
        }
        readFile(file, inner);
    }

    private Path find(String name) {
        Path p;
        try {
            p = Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
        if (p.isAbsolute()) return Files.isRegularFile(p) ? p.normalize() : null;
        for (Path dir : searchPath) {
            Path c = dir.resolve(p);
            if (Files.isRegularFile(c)) return c.toAbsolutePath().normalize();
        }
        return null;
    }

    private String searched() {
        List<String> dirs = new ArrayList<>();
        searchPath.forEach(d -> dirs.add(d.toString()));
        return dirs.isEmpty() ? "no directories" : String.join(", ", dirs);
    }

    private static List<String> readLines(Path file) throws AutosaveFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AutosaveFileException(file + ": cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return text.lines().toList();
    }

    private static String firstWord(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) end++;
        return line.substring(0, end);
    }

    /** The characters autosave accepts at the start of a PV name in a request file. */
    static boolean isValidFirstPvChar(char c) {
        return Character.isLetterOrDigit(c) || "_-+:[]<>;".indexOf(c) >= 0;
    }
}
