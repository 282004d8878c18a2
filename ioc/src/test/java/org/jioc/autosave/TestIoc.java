package org.jioc.autosave;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jioc.Ioc;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/** An in-process IOC with only the autosave service, driven by st.cmd lines, and the autosave log lines it wrote. */
final class TestIoc implements AutoCloseable {
    final Ioc ioc = new Ioc(Map.of());
    final IocShell shell;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<String> log = new ArrayList<>();
    private final Logger logger = Logger.getLogger("org.jioc.autosave");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (log) {
                log.add(r.getLevel() + ": " + r.getMessage());
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };

    TestIoc(Path dir) {
        ioc.addService(new AutosaveService());
        shell = new IocShell(ioc, new PrintStream(out, true, StandardCharsets.UTF_8), dir);
        logger.addHandler(handler);
    }

    /** Write a file into dir. */
    static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    TestIoc run(String... lines) throws ShellException {
        for (String l : lines) shell.execute(l);
        return this;
    }

    Record rec(String name) { return ioc.database().record(name); }

    FieldAddress addr(String name) { return ioc.database().resolve(name); }

    String get(String name) {
        FieldAddress a = addr(name);
        return a.record.getString(a.field);
    }

    /** The value as autosave would save it (arrays element by element). */
    SavedValue saved(String name) {
        FieldAddress a = addr(name);
        try (var g = a.lock()) {
            return FieldValues.read(a);
        }
    }

    void put(String name, String value) throws Exception {
        FieldAddress a = addr(name);
        ioc.database().putField(a, r -> r.storeString(a.field, value));
    }

    String output() { return out.toString(StandardCharsets.UTF_8); }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        ioc.stop();
    }
}
