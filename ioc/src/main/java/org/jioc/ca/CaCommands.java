package org.jioc.ca;

import java.util.List;

import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/** The Channel Access reports of iocsh: {@code casr} (server and its clients) and {@code dbcar} (CA links). */
public final class CaCommands {
    private CaCommands() { }

    public static void register(IocShell sh) {
        sh.register("casr", "casr [level]  Channel Access server report: clients, and at level 2 their channels",
                (s, a) -> casr(s, IocShell.intArg(a, 0, 0, "casr")));
        sh.register("dbcar", "dbcar [record] [level]  CA link report (level 1: links not connected, 2: all links)",
                (s, a) -> {
                    String rec = a.isEmpty() || a.get(0).isEmpty() || a.get(0).equals("*") ? null : a.get(0);
                    dbcar(s, rec, IocShell.intArg(a, 1, 0, "dbcar"));
                });
    }

    private static CaService service(IocShell s) throws ShellException {
        CaService ca = s.ioc().service(CaService.class);
        if (ca == null || ca.server() == null) throw new ShellException("the CA server is not running (iocInit has not run)");
        return ca;
    }

    private static void casr(IocShell s, int level) throws ShellException {
        CaServer server = service(s).server();
        List<CaServer.ClientInfo> clients = server.clients();
        s.out().println("Channel Access Server V4.11, port " + server.port());
        if (clients.isEmpty()) {
            s.out().println("No clients connected.");
            return;
        }
        s.out().println("Connected circuits:");
        for (CaServer.ClientInfo c : clients) {
            s.out().printf("TCP %s(%s): User=\"%s\", V4.%d, %d Channels, Priority=%d%n", c.address(), c.host(),
                    c.user(), c.minorVersion(), c.channels().size(), c.priority());
            if (level >= 2) for (String ch : c.channels()) s.out().println("    " + ch);
        }
    }

    private static void dbcar(IocShell s, String record, int level) throws ShellException {
        CaLinks links = service(s).links();
        List<CaLinks.LinkReport> all = links == null ? List.of() : links.report(record);
        int connected = 0, noRead = 0, noWrite = 0, disconnects = 0;
        for (CaLinks.LinkReport l : all) {
            if (l.connected()) connected++;
            if (l.connected() && !l.canRead()) noRead++;
            if (l.connected() && !l.canWrite()) noWrite++;
            disconnects += l.disconnects();
            if (level >= 2 || (level == 1 && !l.connected())) {
                s.out().printf("    %s.%s --> %s  %s%s%s%n", l.record(), l.field(), l.pv(),
                        l.connected() ? "connected" : "not connected",
                        l.connected() ? (l.canRead() ? ", read" : ", no read") : "",
                        l.connected() ? (l.canWrite() ? ", write" : ", no write") : "");
            }
        }
        s.out().printf("%s%d CA link%s; %d connected, %d not connected.%n", record == null ? " Total " : " ",
                all.size(), all.size() == 1 ? "" : "s", connected, all.size() - connected);
        s.out().printf("    %d can't read, %d can't write.  (%d disconnects)%n", noRead, noWrite, disconnects);
    }
}
