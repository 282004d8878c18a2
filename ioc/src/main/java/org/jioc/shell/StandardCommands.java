package org.jioc.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jioc.Ioc;
import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.PutOrigin;
import org.jioc.db.Record;
import org.jioc.load.DbLoadException;

/** The st.cmd subset: environment, loading, iocInit, and the db access commands. */
final class StandardCommands {
    private StandardCommands() { }

    static void register(IocShell sh) {
        sh.register("epicsEnvSet", "epicsEnvSet name value", (s, a) -> {
            need(a, 1, "epicsEnvSet name value");
            s.ioc().env().put(a.get(0), a.size() > 1 ? a.get(1) : "");
        });
        sh.register("epicsEnvShow", "epicsEnvShow [name]", (s, a) -> {
            if (a.isEmpty()) {
                new java.util.TreeMap<>(s.ioc().env()).forEach((k, v) -> s.out().println(k + "=" + v));
            } else {
                String v = s.ioc().env().get(a.get(0));
                s.out().println(v == null ? a.get(0) + " is not an environment variable." : a.get(0) + "=" + v);
            }
        });
        sh.register("dbLoadRecords", "dbLoadRecords file [macros]", (s, a) -> {
            need(a, 1, "dbLoadRecords file [macros]");
            try {
                s.ioc().loadRecords(s.resolve(a.get(0)), a.size() > 1 ? a.get(1) : "");
            } catch (DbLoadException e) {
                throw new ShellException(e.getMessage(), e);
            }
        });
        sh.register("dbLoadTemplate", "dbLoadTemplate file [macros]", (s, a) -> {
            need(a, 1, "dbLoadTemplate file [macros]");
            try {
                s.ioc().loadTemplate(s.resolve(a.get(0)), a.size() > 1 ? a.get(1) : "");
            } catch (DbLoadException e) {
                throw new ShellException(e.getMessage(), e);
            }
        });
        // Lines every C IOC's st.cmd has; jioc has its record types built in.
        sh.register("dbLoadDatabase", "dbLoadDatabase file (record types are built in; accepted and ignored)",
                (s, a) -> { });
        sh.register("softIoc_registerRecordDeviceDriver", "(built in; accepted and ignored)", (s, a) -> { });
        sh.register("iocInit", "iocInit", (s, a) -> {
            try {
                s.ioc().iocInit();
            } catch (Ioc.IocInitException e) {
                throw new ShellException(e.getMessage(), e);
            }
            s.out().println("iocRun: All initialization complete");
        });
        sh.register("cd", "cd directory", (s, a) -> {
            need(a, 1, "cd directory");
            s.cd(Path.of(a.get(0)));
        });
        sh.register("<", "< file", (s, a) -> {
            need(a, 1, "< file");
            s.runScript(Path.of(a.get(0)));
        });
        sh.register("dbl", "dbl [recordType] [namePattern]", StandardCommands::dbl);
        sh.register("dbpr", "dbpr record [level]", StandardCommands::dbpr);
        sh.register("dbgf", "dbgf record.field", (s, a) -> {
            need(a, 1, "dbgf record.field");
            s.out().println(DbFormat.fieldValue(address(s, a.get(0))));
        });
        sh.register("dbpf", "dbpf record.field value", (s, a) -> {
            need(a, 2, "dbpf record.field value");
            FieldAddress addr = address(s, a.get(0));
            try (PutOrigin.Scope who = PutOrigin.enter("iocsh")) {
                database(s).putField(addr, r -> r.storeString(addr.field, a.get(1)));
            } catch (DbException e) {
                throw new ShellException("dbpf: " + e.getMessage());
            }
            s.out().println(DbFormat.fieldValue(addr));
        });
        sh.register("help", "help [command]", (s, a) -> {
            Map<String, String> u = s.usages();
            if (a.isEmpty()) u.forEach((k, v) -> s.out().println(v));
            else for (String c : a) s.out().println(u.getOrDefault(c, c + ": no such command"));
        });
        sh.register("exit", "exit", (s, a) -> s.requestExit());
    }

    static void need(List<String> a, int n, String usage) throws ShellException {
        IocShell.need(a, n, usage);
    }

    static Database database(IocShell s) throws ShellException {
        Database db = s.ioc().database();
        if (db == null) throw new ShellException("the database is not initialized (iocInit has not run)");
        return db;
    }

    static FieldAddress address(IocShell s, String name) throws ShellException {
        FieldAddress a = database(s).resolve(name);
        if (a == null) throw new ShellException("Record '" + name + "' not found");
        return a;
    }

    private static void dbl(IocShell s, List<String> a) throws ShellException {
        Database db = database(s);
        String type = a.isEmpty() || a.get(0).isEmpty() || a.get(0).equals("*") ? null : a.get(0);
        Pattern pat = a.size() > 1 ? glob(a.get(1)) : null;
        for (Record r : db.records()) {
            if (type != null && !r.type().name().equals(type)) continue;
            if (pat != null && !pat.matcher(r.name()).matches()) continue;
            s.out().println(r.name());
        }
    }

    /** Glob with * and ? as dbl and dbgrep take. */
    static Pattern glob(String g) {
        StringBuilder b = new StringBuilder();
        for (char c : g.toCharArray()) {
            if (c == '*') b.append(".*");
            else if (c == '?') b.append('.');
            else b.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(b.toString());
    }

    private static void dbpr(IocShell s, List<String> a) throws ShellException {
        need(a, 1, "dbpr record [level]");
        Database db = database(s);
        Record r = db.record(a.get(0).replaceFirst("\\.[A-Z0-9]*\\$?$", ""));
        if (r == null) throw new ShellException("Record '" + a.get(0) + "' not found");
        int level = 0;
        if (a.size() > 1) {
            try {
                level = Integer.parseInt(a.get(1));
            } catch (NumberFormatException e) {
                throw new ShellException("dbpr: level must be a number");
            }
        }
        List<String> cells = DbFormat.recordFields(r, level);
        StringBuilder line = new StringBuilder();
        int n = 0;
        for (String c : cells) {
            line.append(String.format("%-20s", c));
            if (++n % 4 == 0) {
                s.out().println(line.toString().stripTrailing());
                line.setLength(0);
            }
        }
        if (line.length() > 0) s.out().println(line.toString().stripTrailing());
    }

}
