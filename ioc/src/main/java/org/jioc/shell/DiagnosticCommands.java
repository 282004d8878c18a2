package org.jioc.shell;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jioc.db.Database;
import org.jioc.db.LockSet;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** The database reports of iocsh that look at many records: dbtr, dbnr, dbior, scanppl, dbgrep, dbla. */
final class DiagnosticCommands {
    private DiagnosticCommands() { }

    static void register(IocShell sh) {
        sh.register("dbtr", "dbtr record  process the record, then print its fields (dbpr level 3)",
                DiagnosticCommands::dbtr);
        sh.register("dbnr", "dbnr [level]  number of records and aliases of each record type", (s, a) ->
                dbnr(s, IocShell.intArg(a, 0, 0, "dbnr")));
        sh.register("dbior", "dbior [dtyp] [level]  device support in use (level 1: with its records)", (s, a) -> {
            String dtyp = a.isEmpty() || a.get(0).isEmpty() || a.get(0).equals("*") ? null : a.get(0);
            dbior(s, dtyp, IocShell.intArg(a, 1, 0, "dbior"));
        });
        sh.register("scanppl", "scanppl [period]  records on the periodic scan lists (e.g. scanppl 0.1)",
                DiagnosticCommands::scanppl);
        sh.register("dbgrep", "dbgrep pattern  record names matching a glob (* and ?)", (s, a) -> {
            StandardCommands.need(a, 1, "dbgrep pattern");
            var p = StandardCommands.glob(a.get(0));
            for (Record r : StandardCommands.database(s).records()) {
                if (p.matcher(r.name()).matches()) s.out().println(r.name());
            }
        });
        sh.register("dbla", "dbla [pattern]  aliases and the records they name", (s, a) -> {
            var p = a.isEmpty() ? null : StandardCommands.glob(a.get(0));
            new TreeMap<>(StandardCommands.database(s).aliases()).forEach((alias, r) -> {
                if (p == null || p.matcher(alias).matches()) s.out().println(alias + " -> " + r.name());
            });
        });
    }

    /** As base: an active record is not processed again; otherwise dbProcess under its lock, then dbpr level 3. */
    private static void dbtr(IocShell s, List<String> a) throws ShellException {
        StandardCommands.need(a, 1, "dbtr record");
        Database db = StandardCommands.database(s);
        Record r = db.record(a.get(0).replaceFirst("\\..*$", ""));
        if (r == null) throw new ShellException("Record '" + a.get(0) + "' not found");
        try (LockSet.Guard g = db.lock(r)) {
            if (r.l[Record.PACT] != 0) {
                s.out().println("record active");
                return;
            }
            r.dbProcess();
        }
        s.execute("dbpr " + r.name() + " 3");
    }

    private static void dbnr(IocShell s, int level) throws ShellException {
        Database db = StandardCommands.database(s);
        Map<String, int[]> counts = new TreeMap<>();
        if (level > 0) for (String t : db.recordTypes().keySet()) counts.put(t, new int[2]);
        for (Record r : db.records()) counts.computeIfAbsent(r.type().name(), k -> new int[2])[0]++;
        for (Map.Entry<String, Record> e : db.aliases().entrySet()) {
            counts.computeIfAbsent(e.getValue().type().name(), k -> new int[2])[1]++;
        }
        int records = 0, aliases = 0;
        s.out().println("Records  Aliases  Record Type");
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            s.out().printf("%7d  %7d  %s%n", e.getValue()[0], e.getValue()[1], e.getKey());
            records += e.getValue()[0];
            aliases += e.getValue()[1];
        }
        s.out().printf("Total %d records, %d aliases%n", records, aliases);
    }

    private static void dbior(IocShell s, String dtyp, int level) throws ShellException {
        Database db = StandardCommands.database(s);
        // record type -> DTYP -> records using it
        Map<String, Map<String, List<String>>> use = new TreeMap<>();
        for (Record r : db.records()) {
            RecordType t = r.type();
            if (t.field("DTYP") == null) continue;
            String d = r.getString(t.field("DTYP"));
            if (dtyp != null && !dtyp.equals(d)) continue;
            use.computeIfAbsent(t.name(), k -> new TreeMap<>())
                    .computeIfAbsent(d, k -> new java.util.ArrayList<>()).add(r.name());
        }
        if (use.isEmpty()) {
            s.out().println(dtyp == null ? "No device support in use." : "No records use device support '" + dtyp + "'.");
            return;
        }
        for (Map.Entry<String, Map<String, List<String>>> t : use.entrySet()) {
            for (Map.Entry<String, List<String>> d : t.getValue().entrySet()) {
                s.out().printf("%-12s %-24s %d record%s%n", t.getKey(), '"' + d.getKey() + '"', d.getValue().size(),
                        d.getValue().size() == 1 ? "" : "s");
                if (level >= 1) for (String n : d.getValue()) s.out().println("    " + n);
            }
        }
    }

    private static void scanppl(IocShell s, List<String> a) throws ShellException {
        Database db = StandardCommands.database(s);
        double only = -1;
        if (!a.isEmpty() && !a.get(0).isBlank()) {
            try {
                only = Double.parseDouble(a.get(0).trim());
            } catch (NumberFormatException e) {
                throw new ShellException("scanppl: '" + a.get(0) + "' is not a period in seconds");
            }
        }
        boolean any = false;
        for (String list : db.scheduler().describe()) {
            if (only >= 0 && !matchesPeriod(list, only)) continue;
            s.out().print(list);
            any = true;
        }
        if (!any) s.out().println("scanppl: no periodic scan list of " + a.get(0) + " s");
    }

    /** "Scan Period 0.1 second:" matches 0.1; "Scan Period 10 second:" matches 10. */
    private static boolean matchesPeriod(String list, double period) {
        String head = list.substring("Scan Period ".length(), list.indexOf(' ', "Scan Period ".length()));
        try {
            return Math.abs(Double.parseDouble(head) - period) < 1e-9;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
