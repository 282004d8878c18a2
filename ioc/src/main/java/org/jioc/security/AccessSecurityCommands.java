package org.jioc.security;

import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/** The iocsh commands of access security, named and shaped as base's asIocRegister. */
public final class AccessSecurityCommands {
    private AccessSecurityCommands() { }

    public static void register(IocShell sh) {
        sh.register("asSetFilename", "asSetFilename file (before iocInit; asInit re-reads it)", (s, a) -> {
            need(a, 1, "asSetFilename file");
            service(s).setFilename(s.resolve(a.get(0)));
        });
        sh.register("asSetSubstitutions", "asSetSubstitutions \"A=1,B=2\" (macros for the access file)", (s, a) -> {
            need(a, 1, "asSetSubstitutions \"A=1,B=2\"");
            service(s).setSubstitutions(a.get(0));
        });
        sh.register("asInit", "asInit (after iocInit: reload the access file)", (s, a) -> {
            if (!s.ioc().isInitialized()) {
                throw new ShellException("asInit: iocInit loads the file named by asSetFilename; asInit reloads it "
                        + "after iocInit");
            }
            try {
                service(s).reload();
            } catch (AcfException e) {
                throw new ShellException("asInit: " + e.getMessage() + " (the previous rules stay in force)", e);
            } catch (IllegalStateException e) {
                throw new ShellException("asInit: " + e.getMessage());
            }
        });
        sh.register("asprules", "asprules [asg]", (s, a) -> {
            AccessRules r = rules(s);
            if (r != null) AcfDump.rules(s.out(), r, arg(a, 0));
        });
        sh.register("asphag", "asphag [hag]", (s, a) -> {
            AccessRules r = rules(s);
            if (r != null) AcfDump.hags(s.out(), r.config(), arg(a, 0));
        });
        sh.register("aspuag", "aspuag [uag]", (s, a) -> {
            AccessRules r = rules(s);
            if (r != null) AcfDump.uags(s.out(), r.config(), arg(a, 0));
        });
        sh.register("ascar", "ascar [level] (access-security INPx connections)", (s, a) -> {
            AccessRules r = rules(s);
            if (r == null) {
                s.out().println("access security not started");
                return;
            }
            int level;
            try {
                level = a.isEmpty() ? 0 : Integer.parseInt(a.get(0));
            } catch (NumberFormatException e) {
                throw new ShellException("ascar: level must be a number, not '" + a.get(0) + "'");
            }
            AcfDump.inputs(s.out(), r, level);
        });
        sh.register("astac", "astac record.field user host (what this client may do)", (s, a) -> {
            need(a, 3, "astac record.field user host");
            Database db = s.ioc().database();
            if (db == null) throw new ShellException("astac: iocInit has not run");
            FieldAddress addr = db.resolve(a.get(0));
            if (addr == null) throw new ShellException("astac: no channel '" + a.get(0) + "'");
            AccessSecurity as = s.ioc().accessSecurity();
            String user = a.get(1), host = a.get(2);
            AccessRules r = rules(s);
            String where = r == null ? "no access security" : "ASG(" + r.groupOf(addr.record) + ") ASL" + addr.field.asl();
            s.out().println("astac " + addr + " " + user + " " + host + ": " + where
                    + " get " + yesNo(as.canRead(addr.record, addr.field, user, host))
                    + " put " + yesNo(as.canWrite(addr.record, addr.field, user, host))
                    + (as.isTrapWrite(addr.record, addr.field, user, host) ? " TRAPWRITE" : ""));
        });
    }

    private static String yesNo(boolean b) { return b ? "Yes" : "No"; }

    private static String arg(List<String> a, int i) { return a.size() > i && !a.get(i).isEmpty() ? a.get(i) : null; }

    private static void need(List<String> a, int n, String usage) throws ShellException {
        if (a.size() < n) throw new ShellException("usage: " + usage);
    }

    private static AccessSecurityService service(IocShell s) throws ShellException {
        AccessSecurityService svc = s.ioc().service(AccessSecurityService.class);
        if (svc == null) throw new ShellException("access security is not part of this IOC");
        return svc;
    }

    /** The rules in force, or null (base prints nothing when access security is not active). */
    private static AccessRules rules(IocShell s) throws ShellException {
        return service(s).rules();
    }
}
