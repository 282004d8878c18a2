package org.jioc.load;

import java.util.ArrayList;
import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldDef;
import org.jioc.db.Record;

/**
 * Turns the loaded declarations into records of a {@link Database}: creates each record, stores its fields (DTYP
 * first, since device choice depends on it), sets info tags and aliases. Every problem is reported as
 * {@code file:line: message}; if there is any, the caller must not start the IOC.
 */
public final class DatabaseBuilder {
    private DatabaseBuilder() { }

    /** Thrown with every problem found, one "file:line: message" per line. */
    public static final class BuildException extends Exception {
        private final List<String> problems;

        BuildException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() { return problems; }
    }

    public static void build(DbModel model, Database db) throws BuildException {
        List<String> problems = new ArrayList<>();
        for (RecordDecl decl : model.records()) {
            Record r;
            try {
                r = db.create(decl.type(), decl.name());
            } catch (DbException e) {
                problems.add(decl.where() + ": " + e.getMessage());
                continue;
            }
            FieldDecl dtyp = decl.field("DTYP");
            if (dtyp != null) store(r, dtyp, problems);
            for (FieldDecl f : decl.fields()) {
                if (f != dtyp) store(r, f, problems);
            }
            r.setInfo(decl.info());
            for (String alias : decl.aliases()) {
                try {
                    db.addAlias(alias, decl.name());
                } catch (DbException e) {
                    problems.add(decl.where() + ": " + e.getMessage());
                }
            }
        }
        for (AliasDecl a : model.aliases()) {
            try {
                db.addAlias(a.alias(), a.record());
            } catch (DbException e) {
                problems.add(a.where() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new BuildException(problems);
    }

    private static void store(Record r, FieldDecl f, List<String> problems) {
        FieldDef def = r.type().field(f.name());
        if (def == null || def.name.equals("NAME") || def.name.equals("RTYP")) {
            problems.add(f.where() + ": record " + r.name() + " (" + r.type().name() + ") has no settable field "
                    + f.name());
            return;
        }
        try {
            r.storeString(def, f.value());
        } catch (DbException e) {
            problems.add(f.where() + ": " + e.getMessage());
        }
    }
}
