package org.jioc.catalog;

import java.io.PrintStream;
import java.util.List;

import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/** iocsh: runCatalogConfigure (where the catalog lives) and runCatalogShow (its state, runs and queue). */
public final class RunCatalogCommands {
    private RunCatalogCommands() { }

    public static void register(IocShell sh) {
        sh.register("runCatalogConfigure", "runCatalogConfigure jdbcUrl [user] [password] (before iocInit;"
                + " \"\" or no call: embedded H2 under $(JIOC_HOME)/var/catalog)", (s, a) -> {
                    IocShell.need(a, 1, "runCatalogConfigure jdbcUrl [user] [password]");
                    RunCatalogService svc = service(s, "runCatalogConfigure");
                    if (s.ioc().isInitialized())
                        throw new ShellException("runCatalogConfigure: must come before iocInit");
                    try {
                        svc.configure(a.get(0).isBlank() ? RunCatalogService.embedded(s.ioc().env())
                                : new CatalogConfig(a.get(0), a.size() > 1 ? a.get(1) : "",
                                a.size() > 2 ? a.get(2) : ""));
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        throw new ShellException("runCatalogConfigure: " + e.getMessage());
                    }
                });
        sh.register("runCatalogShow", "runCatalogShow [level] (1: recent runs and the queue; 2: queue commands)",
                (s, a) -> show(s, IocShell.intArg(a, 0, 0, "runCatalogShow")));
    }

    private static RunCatalogService service(IocShell s, String cmd) throws ShellException {
        RunCatalogService svc = s.ioc().service(RunCatalogService.class);
        if (svc == null) throw new ShellException(cmd + ": no run catalog in this IOC");
        return svc;
    }

    private static void show(IocShell s, int level) throws ShellException {
        RunCatalogService svc = service(s, "runCatalogShow");
        PrintStream out = s.out();
        CatalogConfig c = svc.config();
        out.println("run catalog: " + (c == null ? "embedded H2 under $(JIOC_HOME)/var/catalog (default)"
                : c.safeUrl() + (c.user().isEmpty() ? "" : " as " + c.user())));
        if (svc.runs() == null) {
            out.println("    not open yet (iocInit opens it)");
            return;
        }
        out.println("    " + svc.state());
        out.println("    last scan_id " + svc.runs().lastScanId() + ", last uid " + svc.runs().lastUid()
                + (svc.runs().backlogSize() > 0 ? ", " + svc.runs().backlogSize() + " write(s) waiting" : ""));
        QueuedCommand cur = svc.runner().current();
        out.println("    queue: " + (!svc.isActive() ? "off" : cur == null ? "idle" : "running " + cur));
        if (!svc.pvPrefixes().isEmpty()) out.println("    PVs: " + String.join(", ", svc.pvPrefixes()));
        if (level < 1 || !svc.isConnected()) return;
        try {
            List<RunEntry> recent = svc.runs().recentRuns(10);
            out.println("recent runs:" + (recent.isEmpty() ? " none" : ""));
            for (RunEntry r : recent)
                out.println("    " + r.scanId() + " " + r.uid() + " " + r.planName() + " " + r.exitStatus().sql()
                        + (r.reason() == null || r.reason().isEmpty() ? "" : " (" + r.reason() + ")")
                        + " " + r.startTime() + (r.files().isEmpty() ? "" : ", " + r.files().size() + " file(s)"));
            List<QueuedCommand> active = svc.queue().list(true);
            out.println("queue:" + (active.isEmpty() ? " empty" : ""));
            for (QueuedCommand q : active)
                out.println("    #" + q.id() + " " + q.command() + " " + q.status().sql() + " " + q.arguments());
        } catch (CatalogException e) {
            throw new ShellException("runCatalogShow: " + e.getMessage());
        }
        if (level >= 2)
            out.println("queue commands: " + String.join(", ", svc.handlers().names().stream().sorted().toList()));
    }
}
