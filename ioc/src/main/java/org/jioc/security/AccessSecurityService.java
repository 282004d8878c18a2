package org.jioc.security;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

import org.jioc.IocService;
import org.jioc.db.Database;

/**
 * Access security for an IOC (base's asDbLib): the file named by asSetFilename is read before the records are
 * initialized, so a bad file fails iocInit with "file:line: message" and nothing is served; its rules are
 * connected to their INPx PVs and installed at the end of database init, before any protocol server starts. asInit
 * reloads the file at run time; a file with errors leaves the old rules in force. Without asSetFilename nothing is
 * checked and everybody may read and write.
 */
public final class AccessSecurityService implements IocService {
    private static final Logger LOG = Logger.getLogger(AccessSecurityService.class.getName());

    private final AccessSecurity security;
    private final HostResolver resolver;
    /** Tells the servers of new rights off the threads that noticed them (record locks may be held there). */
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "asNotify");
        t.setDaemon(true);
        return t;
    });
    private Path file;
    private String substitutions;
    private Database db;
    private AcfConfig pending;
    private volatile AccessRules active;

    public AccessSecurityService(AccessSecurity security) { this(security, HostResolver.SYSTEM); }

    public AccessSecurityService(AccessSecurity security, HostResolver resolver) {
        this.security = security;
        this.resolver = resolver;
    }

    @Override
    public String name() { return "Access security"; }

    /** asSetFilename (an absolute path; the shell resolves it against its directory). */
    public synchronized void setFilename(Path acf) { this.file = acf; }

    public synchronized Path filename() { return file; }

    /** asSetSubstitutions: macros for the file, "A=1,B=2". */
    public synchronized void setSubstitutions(String subs) { this.substitutions = subs; }

    /** The rules in force, or null when access security is off. */
    public AccessRules rules() { return active; }

    @Override
    public synchronized void beforeInit(Database d, Map<String, String> env) throws AcfException {
        if (file == null) return; // access security will never be turned on
        pending = AcfParser.parse(file, substitutions, resolver);
        db = d;
        d.addInitHook(new Database.InitHook() {
            @Override
            public void afterInit(Database database) { activate(); }
        });
        d.setAsgChangeListener(r -> notifyServers());
    }

    private synchronized void activate() {
        AccessRules rules = new AccessRules(pending, this::notifyServers);
        pending = null;
        rules.connect(db);
        active = rules;
        security.install(rules);
        LOG.info("access security: " + file + " loaded");
    }

    @Override
    public void start(Database d, Map<String, String> env) { }

    /**
     * asInit after iocInit: read the file again (asSetFilename may have named another one) and swap the rules.
     * On an error the old rules stay and the exception says where the file is wrong.
     */
    public synchronized void reload() throws AcfException {
        if (active == null) {
            throw new IllegalStateException("Access security is NOT enabled. Was asSetFilename specified before iocInit?");
        }
        AcfConfig config = AcfParser.parse(file, substitutions, resolver);
        AccessRules rules = new AccessRules(config, this::notifyServers);
        rules.connect(db);
        AccessRules old = active;
        active = rules;
        security.install(rules);
        old.close();
        LOG.info("access security: " + file + " reloaded");
    }

    private void notifyServers() {
        try {
            notifier.execute(security::rightsChanged);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // the IOC is stopping: nobody left to tell
        }
    }

    @Override
    public synchronized void stop() {
        AccessRules r = active;
        if (r != null) r.close();
        notifier.shutdownNow();
    }
}
