package org.jioc.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive iocsh on a terminal (JLine): line editing, history kept in EPICS_IOCSH_HISTFILE (default
 * {@code .iocsh_history} in the working directory, as base's iocsh; empty: no history file), tab completion of
 * command, record and field names. Log messages from other threads are printed above the prompt instead of through
 * it. Ctrl-D or {@code exit} leaves the console (and stops the IOC); Ctrl-C only abandons the line being typed.
 */
public final class Console {
    static final String PROMPT = "jioc> ";

    private Console() { }

    /** Read and run lines until exit or end of input. */
    public static void run(IocShell shell) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("jioc").system(true).build()) {
            if (terminal.getWidth() <= 0) terminal.setSize(new Size(80, 24)); // a pty nobody sized: JLine needs columns
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(new char[0]); // iocsh lines keep their backslashes (Windows paths, macros)
            LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("jioc").parser(parser)
                    .completer(new ShellCompleter(shell))
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is ordinary text in iocsh
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
            Path history = historyFile(shell);
            if (history != null) b.variable(LineReader.HISTORY_FILE, history);
            LineReader reader = b.build();
            PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
            // While the prompt is up, log records go above it instead of through the line being typed.
            Logger root = Logger.getLogger("");
            Handler[] before = root.getHandlers();
            for (Handler h : before) if (h instanceof ConsoleHandler) root.removeHandler(h);
            Handler logs = new AbovePromptHandler(reader);
            root.addHandler(logs);
            try {
                loop(shell, reader, out);
            } finally {
                root.removeHandler(logs);
                for (Handler h : before) if (h instanceof ConsoleHandler) root.addHandler(h);
                reader.getHistory().save();
            }
        }
    }

    private static void loop(IocShell shell, LineReader reader, PrintStream out) {
        while (!shell.exitRequested()) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C: drop the line, keep the IOC
            } catch (EndOfFileException e) {
                return;
            }
            try {
                shell.execute(line);
            } catch (ShellException e) {
                out.println(e.getMessage());
            } catch (RuntimeException e) {
                out.println("error: " + e);
            }
        }
    }

    private static Path historyFile(IocShell shell) {
        String v = shell.ioc().env().getOrDefault("EPICS_IOCSH_HISTFILE", ".iocsh_history");
        if (v.isBlank()) return null;
        return shell.resolve(v.replaceFirst("^~(?=/|$)", System.getProperty("user.home")));
    }

    /** Prints log records above the prompt so they do not break the line being typed. */
    private static final class AbovePromptHandler extends Handler {
        private final LineReader reader;

        AbovePromptHandler(LineReader reader) {
            this.reader = reader;
            setFormatter(new SimpleFormatter());
        }

        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) return;
            String text = getFormatter().format(r).stripTrailing();
            if (reader.isReading()) {
                reader.printAbove(text);
            } else {
                reader.getTerminal().writer().println(text);
                reader.getTerminal().flush();
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    }
}
