package org.jioc.shell;

import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import org.jioc.db.Database;
import org.jioc.db.FieldDef;
import org.jioc.db.Record;

/**
 * Tab completion for the console: the first word completes command names; later words complete record names
 * (aliases too) and, after "REC.", the record's field names. Works for both {@code dbpr rec} and
 * {@code dbpr("rec"} forms: whatever precedes the name in the word is kept.
 */
final class ShellCompleter implements Completer {
    private final IocShell shell;
    private NavigableSet<String> names; // built once after iocInit: records are fixed from then on

    ShellCompleter(IocShell shell) { this.shell = shell; }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        int cut = Math.max(Math.max(word.lastIndexOf('('), word.lastIndexOf('"')), word.lastIndexOf(','));
        String head = word.substring(0, cut + 1);
        String prefix = word.substring(cut + 1);
        if (line.wordIndex() == 0 && cut < 0) {
            for (String c : shell.commandNames()) {
                if (c.startsWith(prefix)) candidates.add(new Candidate(c, c, null, null, null, null, true));
            }
            return;
        }
        Database db = shell.ioc().database();
        if (db == null) return;
        int dot = prefix.indexOf('.');
        if (dot > 0) {
            Record r = db.record(prefix.substring(0, dot));
            if (r == null) return;
            String fp = prefix.substring(dot + 1);
            for (FieldDef f : r.type().fields()) {
                if (f.name.startsWith(fp)) {
                    String v = head + prefix.substring(0, dot + 1) + f.name;
                    candidates.add(new Candidate(v, f.name, null, null, null, null, true));
                }
            }
            return;
        }
        for (String n : names(db).subSet(prefix, true, prefix + Character.MAX_VALUE, true)) {
            // not complete: the user may go on with ".FIELD"
            candidates.add(new Candidate(head + n, n, null, null, null, null, false));
        }
    }

    private synchronized NavigableSet<String> names(Database db) {
        if (names == null) {
            TreeSet<String> s = new TreeSet<>();
            for (Record r : db.records()) s.add(r.name());
            s.addAll(db.aliases().keySet());
            names = s;
        }
        return names;
    }
}
