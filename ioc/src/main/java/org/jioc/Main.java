package org.jioc;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.jioc.shell.Console;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jioc [st.cmd]}: run a start-up script (default: the simulated beamline in pv-definitions/), then serve
 * until SIGINT/SIGTERM. With a terminal on stdin the iocsh prompt reads commands; headless it reads nothing.
 */
@Command(name = "jioc", mixinStandardHelpOptions = true, version = "jioc 0.1",
        description = "An EPICS soft IOC in Java: record database served over Channel Access.")
public final class Main implements Callable<Integer> {
    /** The default IOC, relative to the jioc home. */
    static final String DEFAULT_STARTUP = "pv-definitions/default/st.cmd";

    @Parameters(arity = "0..1", paramLabel = "st.cmd", description = "start-up script (default: ${DEFAULT-VALUE})",
            defaultValue = "")
    String startup;

    @Option(names = "--headless", description = "never read commands from stdin, even on a terminal")
    boolean headless;

    public static void main(String[] args) {
        int rc = new CommandLine(new Main()).execute(args);
        System.exit(rc); // library threads (terminal, CA) must not keep a stopped IOC's JVM alive
    }

    @Override
    public Integer call() throws Exception {
        Path home = home();
        Path script = startup.isEmpty() ? home.resolve(DEFAULT_STARTUP) : Path.of(startup).toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            System.err.println("jioc: " + script + ": no such start-up file");
            return 2;
        }
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putIfAbsent("JIOC_HOME", home.toString());
        env.putIfAbsent("TOP", home.toString());
        Ioc ioc = new Ioc(env);
        Services.install(ioc);
        PrintStream out = System.out;
        IocShell shell = new IocShell(ioc, out, script.getParent());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ioc.stop();
            stopped.countDown();
        }, "jioc-shutdown"));
        try {
            shell.runScript(script);
        } catch (ShellException e) {
            System.err.println(e.getMessage());
            System.err.println("jioc: start-up failed; nothing is served.");
            ioc.stop();
            return 1;
        }
        if (!ioc.isInitialized() && !shell.exitRequested()) {
            try {
                shell.execute("iocInit");
            } catch (ShellException e) {
                System.err.println(e.getMessage());
                ioc.stop();
                return 1;
            }
        }
        if (shell.exitRequested()) {
            ioc.stop();
            return 0;
        }
        if (!headless && System.console() != null) {
            Console.run(shell);
            ioc.stop();
            return 0;
        }
        stopped.await();
        return 0;
    }

    /** The jioc home: -Djioc.home, else two levels above ioc/target/jioc.jar, else the working directory. */
    static Path home() {
        String p = System.getProperty("jioc.home");
        if (p != null) return Path.of(p).toAbsolutePath().normalize();
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent() == null ? null : jar.getParent().getParent();
            if (candidate != null) candidate = candidate.getParent();
            if (candidate != null && Files.isDirectory(candidate.resolve("pv-definitions"))) return candidate;
        } catch (URISyntaxException | SecurityException e) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }
}
