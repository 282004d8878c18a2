package org.jioc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DeviceRegistry;
import org.jioc.load.DatabaseBuilder;
import org.jioc.load.DbLoadException;
import org.jioc.load.DbLoader;
import org.jioc.load.DbModel;
import org.jioc.load.FieldDecl;
import org.jioc.load.RecordDecl;
import org.jioc.record.StandardRecords;
import org.jioc.security.AccessSecurity;

/**
 * One IOC: the environment, the database files loaded so far, and after iocInit the running database with its
 * services. The shell drives it; tests may drive it directly.
 */
public final class Ioc {
    private static final Logger LOG = Logger.getLogger(Ioc.class.getName());

    private final Map<String, String> env;
    private final DeviceRegistry devices = new DeviceRegistry();
    private final DbModel model = new DbModel();
    private final DbLoader loader = new DbLoader(model);
    private final List<IocService> services = new ArrayList<>();
    private final AccessSecurity accessSecurity = new AccessSecurity();
    private Database db;
    private boolean stopped;

    public Ioc(Map<String, String> environment) {
        this.env = new LinkedHashMap<>(environment);
        StandardRecords.registerDevices(devices);
    }

    public Map<String, String> env() { return env; }

    public DeviceRegistry devices() { return devices; }

    public DbModel model() { return model; }

    /** Who may read and write what; the same object for the IOC's whole life (its rules may be replaced). */
    public AccessSecurity accessSecurity() { return accessSecurity; }

    /** The running database, or null before iocInit. */
    public Database database() { return db; }

    public boolean isInitialized() { return db != null; }

    public void addService(IocService s) { services.add(s); }

    public List<IocService> services() { return services; }

    public <T extends IocService> T service(Class<T> type) {
        for (IocService s : services) if (type.isInstance(s)) return type.cast(s);
        return null;
    }

    private void includePathFromEnv() {
        String p = env.get("EPICS_DB_INCLUDE_PATH");
        if (p != null && !p.isBlank()) loader.setIncludePath(p);
    }

    public void loadRecords(Path file, String macros) throws DbLoadException {
        requireNotInitialized(file);
        includePathFromEnv();
        loader.loadRecords(file, macros == null ? "" : macros);
    }

    public void loadTemplate(Path file, String macros) throws DbLoadException {
        requireNotInitialized(file);
        includePathFromEnv();
        loader.loadTemplate(file, macros == null ? "" : macros);
    }

    private void requireNotInitialized(Path file) throws DbLoadException {
        if (db != null) throw new DbLoadException(new org.jioc.load.SourceLocation(file.toString(), 0),
                "databases cannot be loaded after iocInit");
    }

    /** Build the database from everything loaded, init it, start the services. Nothing starts on any error. */
    public void iocInit() throws IocInitException {
        if (db != null) throw new IocInitException("iocInit: already initialized");
        Database d = new Database(StandardRecords.types(), devices);
        try {
            DatabaseBuilder.build(model, d);
        } catch (DatabaseBuilder.BuildException e) {
            throw new IocInitException(e.getMessage());
        }
        try {
            for (IocService s : services) s.beforeInit(d, env);
            d.init();
        } catch (DbException e) {
            d.shutdown();
            throw new IocInitException(withLocations(e.getMessage()));
        } catch (Exception e) {
            d.shutdown();
            throw new IocInitException("iocInit: " + e.getMessage());
        }
        db = d;
        for (IocService s : startOrder()) {
            try {
                s.start(d, env);
            } catch (Exception e) {
                stop();
                throw new IocInitException("iocInit: " + s.name() + " failed to start: " + e.getMessage());
            }
        }
    }

    /** Init errors name "REC.FIELD: ..." or "REC: ..."; prefix each with where that record or field was declared. */
    private String withLocations(String message) {
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\n")) {
            int colon = line.indexOf(": ");
            String where = null;
            if (colon > 0) {
                String subject = line.substring(0, colon);
                int dot = subject.lastIndexOf('.');
                RecordDecl decl = model.record(dot > 0 ? subject.substring(0, dot) : subject);
                if (decl == null) decl = model.record(subject);
                if (decl != null) {
                    FieldDecl f = dot > 0 ? decl.field(subject.substring(dot + 1)) : null;
                    where = (f != null ? f.where() : decl.where()).toString();
                }
            }
            if (out.length() > 0) out.append('\n');
            out.append(where != null ? where + ": " + line : line);
        }
        return out.toString();
    }

    /** The other services in the order added, then the protocol servers in the order added. */
    private List<IocService> startOrder() {
        List<IocService> order = new ArrayList<>();
        for (IocService s : services) if (!s.servesClients()) order.add(s);
        for (IocService s : services) if (s.servesClients()) order.add(s);
        return order;
    }

    /** Stop services (the servers first, the reverse of the start order) and the database. Safe to call twice. */
    public synchronized void stop() {
        if (stopped) return;
        stopped = true;
        List<IocService> order = startOrder();
        for (int i = order.size() - 1; i >= 0; i--) {
            try {
                order.get(i).stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, order.get(i).name() + " stop: " + e, e);
            }
        }
        if (db != null) db.shutdown();
    }

    /** iocInit failed: the message lists every problem, one "file:line: message" per line where known. */
    public static final class IocInitException extends Exception {
        public IocInitException(String message) { super(message); }
    }
}
