package org.jioc.pva;

import java.io.PrintStream;
import java.util.List;

import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/** iocsh commands of the pvAccess server: {@code pvasr [level]}. */
public final class PvaCommands {
    private PvaCommands() { }

    public static void register(IocShell shell) {
        shell.register("pvasr", "pvasr [level]  pvAccess server report: ports, clients; level>=1 also channels",
                PvaCommands::pvasr);
    }

    static void pvasr(IocShell shell, List<String> args) throws ShellException {
        int level = 0;
        if (!args.isEmpty()) {
            try {
                level = Integer.parseInt(args.get(0).trim());
            } catch (NumberFormatException e) {
                throw new ShellException("pvasr: level must be a number, not '" + args.get(0) + "'");
            }
        }
        PvaService service = shell.ioc().service(PvaService.class);
        PvaServer server = service == null ? null : service.server();
        if (server == null) {
            shell.out().println("pvAccess server is not running");
            return;
        }
        report(server, level, shell.out());
    }

    /** The report pvasr prints. */
    static void report(PvaServer server, int level, PrintStream out) {
        List<PvaServer.ClientReport> clients = server.clients();
        List<PvaServer.ChannelReport> channels = server.channels();
        out.printf("pvAccess server: TCP port %d, UDP search port %d, interfaces \"%s\"%n", server.tcpPort(),
                server.udpPort(), server.interfaces());
        out.printf("  send buffer %d bytes per connection, %d channels materialised, %d monitor updates coalesced%n",
                server.sendBufferSize(), channels.size(), server.coalescedUpdates());
        out.printf("  %d client%s connected%n", clients.size(), clients.size() == 1 ? "" : "s");
        for (PvaServer.ClientReport c : clients) {
            out.printf("  client %s %s, %d channel%s%n", hostPort(c.address()), c.authentication(),
                    c.channels().size(), c.channels().size() == 1 ? "" : "s");
            if (level >= 2) for (String name : c.channels()) out.printf("    %s%n", name);
        }
        if (level >= 1) {
            out.println("  channels:");
            for (PvaServer.ChannelReport ch : channels) {
                out.printf("    %s  %s  %d client%s%s%n", ch.name(), ch.type(), ch.clients(),
                        ch.clients() == 1 ? "" : "s", ch.monitored() ? ", monitored" : "");
            }
        }
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        return (a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString()) + ":" + a.getPort();
    }
}
