package org.jioc.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jioc.Ioc;
import org.jioc.load.MacroException;
import org.jioc.load.Macros;

/**
 * The iocsh: runs st.cmd scripts and interactive lines. Lines are macro-expanded against the environment first
 * ($(VAR), ${VAR}, $(VAR=default)), then split into a command and arguments. Commands register themselves; see
 * {@link StandardCommands}.
 */
public final class IocShell {
    /** One command: its usage line and what it does. */
    public interface Command {
        void run(IocShell shell, List<String> args) throws ShellException;
    }

    private record Entry(String usage, Command command) { }

    private final Ioc ioc;
    private final PrintStream out;
    private final Map<String, Entry> commands = new TreeMap<>();
    private Path cwd;
    private boolean exitRequested;
    private int depth;

    public IocShell(Ioc ioc, PrintStream out, Path workingDirectory) {
        this.ioc = ioc;
        this.out = out;
        this.cwd = workingDirectory.toAbsolutePath().normalize();
        CommandSets.registerAll(this);
    }

    public Ioc ioc() { return ioc; }

    public PrintStream out() { return out; }

    public Path cwd() { return cwd; }

    void cd(Path dir) throws ShellException {
        Path p = resolve(dir.toString());
        if (!Files.isDirectory(p)) throw new ShellException("cd: " + p + ": no such directory");
        cwd = p;
    }

    /** A path relative to the shell's current directory. */
    public Path resolve(String file) {
        Path p = Path.of(file);
        return p.isAbsolute() ? p.normalize() : cwd.resolve(p).normalize();
    }

    public void register(String name, String usage, Command c) { commands.put(name, new Entry(usage, c)); }

    public boolean exitRequested() { return exitRequested; }

    void requestExit() { exitRequested = true; }

    /** Command names with usage, for help. */
    public Map<String, String> usages() {
        Map<String, String> m = new TreeMap<>();
        commands.forEach((k, v) -> m.put(k, v.usage()));
        return m;
    }

    public java.util.Set<String> commandNames() { return commands.keySet(); }

    /** Fail with the usage line unless the command got at least n arguments. */
    public static void need(List<String> a, int n, String usage) throws ShellException {
        if (a.size() < n) throw new ShellException("usage: " + usage);
    }

    /** The index-th argument as a number (commands' level arguments), dflt when absent or empty. */
    public static int intArg(List<String> a, int index, int dflt, String command) throws ShellException {
        if (a.size() <= index || a.get(index).isBlank()) return dflt;
        try {
            return Integer.parseInt(a.get(index).trim());
        } catch (NumberFormatException e) {
            throw new ShellException(command + ": '" + a.get(index) + "' is not a number");
        }
    }

    /** Expand environment macros in a line; undefined variables stay as written (iocsh leaves them). */
    String expand(String line) throws ShellException {
        if (!line.contains("$")) return line;
        try {
            return Macros.expand(line, name -> {
                String v = ioc.env().get(name);
                return v;
            });
        } catch (MacroException e) {
            throw new ShellException(e.getMessage());
        }
    }

    /** Run one line. */
    public void execute(String line) throws ShellException {
        String expanded = expand(line);
        CommandLine cl;
        try {
            cl = CommandLine.parse(expanded);
        } catch (IllegalArgumentException e) {
            throw new ShellException(e.getMessage());
        }
        if (cl == null) return;
        Entry e = commands.get(cl.command);
        if (e == null) throw new ShellException("Command " + cl.command + " not found.");
        e.command().run(this, cl.args);
    }

    /**
     * Run a script. Any failing line stops the script with "file:line: message": a start-up file with an error
     * must not leave a half-configured IOC running.
     */
    public void runScript(Path file) throws ShellException {
        Path p = resolve(file.toString());
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            throw new ShellException(p + ": cannot read: " + e.getMessage());
        }
        if (++depth > 20) {
            depth = 0;
            throw new ShellException(p + ": scripts nested too deeply");
        }
        try {
            for (int i = 0; i < lines.size() && !exitRequested; i++) {
                String line = lines.get(i);
                if (!line.isBlank() && !line.strip().startsWith("#")) out.println(line);
                try {
                    execute(line);
                } catch (ShellException e) {
                    String msg = e.getMessage();
                    // messages from nested scripts or loaders already say where they come from
                    if (msg != null && msg.matches("(?s)^[^\\s:]+:\\d+: .*")) throw e;
                    throw new ShellException(p + ":" + (i + 1) + ": " + msg, e);
                }
            }
        } finally {
            depth--;
        }
    }
}
