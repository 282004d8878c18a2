package org.jioc.autosave;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/**
 * The st.cmd commands of the synApps autosave module, with its names and arguments, so existing start-up files
 * work: paths, restore files, save sets, the save_restoreSet_* options and save_restoreShow. Options that concern
 * what jioc does not have (status PVs, NFS mounts, CA reconnection, task priority) are accepted with a note.
 */
public final class AutosaveCommands {
    /** What autosave does with a missing or zero period: its minimum period, 4 s. */
    static final int DEFAULT_PERIOD = 4;

    private AutosaveCommands() { }

    public static void register(IocShell sh) {
        sh.register("set_requestfile_path", "set_requestfile_path path [subpath]", (s, a) -> {
            IocShell.need(a, 1, "set_requestfile_path path [subpath]");
            Path dir = path(s, a, "set_requestfile_path");
            if (!Files.isDirectory(dir)) throw new ShellException("set_requestfile_path: " + dir + ": no such directory");
            config(s).addRequestPath(dir);
        });
        sh.register("set_savefile_path", "set_savefile_path path [subpath]", (s, a) -> {
            IocShell.need(a, 1, "set_savefile_path path [subpath]");
            Path dir = path(s, a, "set_savefile_path");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new ShellException("set_savefile_path: cannot create " + dir + ": " + e.getMessage());
            }
            if (!Files.isWritable(dir)) throw new ShellException("set_savefile_path: " + dir + " is not writable");
            config(s).setSaveDir(dir);
        });
        sh.register("set_pass0_restoreFile", "set_pass0_restoreFile file [macros]", (s, a) -> restoreFile(s, a, 0));
        sh.register("set_pass1_restoreFile", "set_pass1_restoreFile file [macros]", (s, a) -> restoreFile(s, a, 1));
        sh.register("create_monitor_set", "create_monitor_set file.req [period_s] [macros]",
                (s, a) -> createSet(s, a, SaveMethod.MONITOR));
        sh.register("create_periodic_set", "create_periodic_set file.req [period_s] [macros]",
                (s, a) -> createSet(s, a, SaveMethod.PERIODIC));
        sh.register("create_triggered_set", "create_triggered_set file.req triggerPV [macros]",
                (s, a) -> createSet(s, a, SaveMethod.TRIGGERED));
        sh.register("create_manual_set", "create_manual_set file.req [macros]",
                (s, a) -> createSet(s, a, SaveMethod.MANUAL));
        sh.register("manual_save", "manual_save file.req", (s, a) -> {
            IocShell.need(a, 1, "manual_save file.req");
            try {
                boolean ok = service(s).manualSave(a.get(0));
                s.out().println("manual_save: " + a.get(0) + (ok ? " saved" : " NOT saved (see save_restoreShow)"));
            } catch (AutosaveFileException e) {
                throw new ShellException(e.getMessage());
            }
        });
        sh.register("makeAutosaveFiles", "makeAutosaveFiles (write info_settings.req, info_positions.req here)",
                (s, a) -> {
                    infoFile(s, "info_settings.req", "autosaveFields");
                    infoFile(s, "info_positions.req", "autosaveFields_pass0");
                });
        sh.register("makeAutosaveFileFromDbInfo", "makeAutosaveFileFromDbInfo fileBaseName infoName", (s, a) -> {
            IocShell.need(a, 2, "makeAutosaveFileFromDbInfo fileBaseName infoName");
            String name = a.get(0).contains(".req") ? a.get(0) : a.get(0) + ".req";
            infoFile(s, name, a.get(1));
        });
        sh.register("save_restoreShow", "save_restoreShow [verbose]",
                (s, a) -> service(s).show(s.out(), a.isEmpty() ? 0 : integer(a, 0, "save_restoreShow")));
        sh.register("save_restoreSet_NumSeqFiles", "save_restoreSet_NumSeqFiles n (0..10)",
                (s, a) -> option(s, a, "save_restoreSet_NumSeqFiles", (c, v) -> c.setNumSeqFiles(v)));
        sh.register("save_restoreSet_SeqPeriodInSeconds", "save_restoreSet_SeqPeriodInSeconds s (>= 10)",
                (s, a) -> option(s, a, "save_restoreSet_SeqPeriodInSeconds", (c, v) -> c.setSeqPeriodSeconds(v)));
        sh.register("save_restoreSet_DatedBackupFiles", "save_restoreSet_DatedBackupFiles 0|1",
                (s, a) -> option(s, a, "save_restoreSet_DatedBackupFiles", (c, v) -> c.setDatedBackups(v != 0)));
        sh.register("save_restoreSet_IncompleteSetsOk", "save_restoreSet_IncompleteSetsOk 0|1",
                (s, a) -> option(s, a, "save_restoreSet_IncompleteSetsOk", (c, v) -> c.setIncompleteSetsOk(v != 0)));
        sh.register("save_restoreSet_RetrySeconds", "save_restoreSet_RetrySeconds s",
                (s, a) -> option(s, a, "save_restoreSet_RetrySeconds", (c, v) -> c.setRetrySeconds(v)));
        sh.register("save_restoreSet_CallbackTimeout", "save_restoreSet_CallbackTimeout s (-1: never)",
                (s, a) -> option(s, a, "save_restoreSet_CallbackTimeout", (c, v) -> c.setCallbackTimeoutSeconds(v)));
        sh.register("save_restoreSet_FilePermissions", "save_restoreSet_FilePermissions mode (e.g. 0640)",
                (s, a) -> {
                    IocShell.need(a, 1, "save_restoreSet_FilePermissions mode");
                    try {
                        config(s).setPermissions(Integer.decode(a.get(0).strip())); // 0640 is octal, as in C
                    } catch (IllegalArgumentException e) {
                        throw new ShellException("save_restoreSet_FilePermissions: " + e.getMessage());
                    }
                });
        sh.register("save_restoreSet_Debug", "save_restoreSet_Debug level",
                (s, a) -> option(s, a, "save_restoreSet_Debug", (c, v) -> c.setDebug(v)));
        sh.register("save_restoreSet_InfoSetPeriod",
                "save_restoreSet_InfoSetPeriod s (jioc: period of the info-tag sets, default 5)",
                (s, a) -> option(s, a, "save_restoreSet_InfoSetPeriod", (c, v) -> c.setInfoPeriodSeconds(v)));
        for (String[] c : new String[][] {
            {"save_restoreSet_status_prefix", "status PVs are not supported"},
            {"save_restoreSet_UseStatusPVs", "status PVs are not supported"},
            {"save_restoreSet_CAReconnect", "autosave in jioc saves PVs of this IOC only"},
            {"save_restoreSet_NFSHost", "NFS mounts are left to the operating system"},
            {"set_saveTask_priority", "the save thread has no EPICS priority"},
        }) {
            sh.register(c[0], c[0] + " ... (accepted, ignored: " + c[1] + ")",
                    (s, a) -> s.out().println(c[0] + ": ignored (" + c[1] + ")"));
        }
    }

    private static AutosaveService service(IocShell s) throws ShellException {
        AutosaveService svc = s.ioc().service(AutosaveService.class);
        if (svc == null) throw new ShellException("autosave is not available in this IOC");
        return svc;
    }

    private static AutosaveConfig config(IocShell s) throws ShellException { return service(s).config(); }

    /** path [subpath], joined with '/' as autosave's makeNfsPath does, relative to the shell's directory. */
    private static Path path(IocShell s, List<String> a, String cmd) throws ShellException {
        String p = a.get(0);
        if (a.size() > 1 && !a.get(1).isEmpty()) p = p + "/" + a.get(1);
        if (p.contains("$(") || p.contains("${")) throw new ShellException(cmd + ": undefined macro in '" + p + "'");
        if (p.isEmpty()) throw new ShellException(cmd + ": empty path");
        return s.resolve(p);
    }

    private static void restoreFile(IocShell s, List<String> a, int pass) throws ShellException {
        String cmd = "set_pass" + pass + "_restoreFile";
        IocShell.need(a, 1, cmd + " file [macros]");
        if (s.ioc().isInitialized()) throw new ShellException(cmd + ": must come before iocInit");
        config(s).addRestoreFile(pass, new AutosaveConfig.RestoreFile(a.get(0), macros(a, 1), s.cwd()));
    }

    private static void createSet(IocShell s, List<String> a, SaveMethod method) throws ShellException {
        String cmd = "create_" + method.name().toLowerCase() + "_set";
        if (a.isEmpty() || a.get(0).isEmpty()) return; // autosave: "start the save task without a set"
        int period = 0;
        String trigger = null;
        int macroArg;
        switch (method) {
            case MONITOR:
            case PERIODIC:
                period = a.size() > 1 && !a.get(1).isEmpty() ? integer(a, 1, cmd) : 0;
                if (period < 0) throw new ShellException(cmd + ": the period cannot be negative");
                if (period == 0) period = DEFAULT_PERIOD;
                macroArg = 2;
                break;
            case TRIGGERED:
                IocShell.need(a, 2, cmd + " file.req triggerPV [macros]");
                trigger = a.get(1);
                macroArg = 2;
                break;
            default:
                macroArg = 1;
        }
        AutosaveConfig cfg = config(s);
        List<Path> search = cfg.requestPath().isEmpty() ? List.of(s.cwd()) : cfg.requestPath();
        try {
            service(s).createSet(a.get(0), method, period, trigger, macros(a, macroArg), search, s.cwd());
        } catch (AutosaveFileException e) {
            throw new ShellException(e.getMessage());
        } catch (IOException e) {
            throw new ShellException(cmd + ": " + e.getMessage());
        }
    }

    /** The macro argument; unquoted "A=1,B=2" arrives split at the comma, so the rest is joined again. */
    private static String macros(List<String> a, int from) {
        return a.size() > from ? String.join(",", a.subList(from, a.size())) : "";
    }

    private static int integer(List<String> a, int i, String cmd) throws ShellException {
        try {
            return (int) Double.parseDouble(a.get(i).strip());
        } catch (NumberFormatException e) {
            throw new ShellException(cmd + ": '" + a.get(i) + "' is not a number");
        }
    }

    private interface IntOption {
        void set(AutosaveConfig c, int v);
    }

    private static void option(IocShell s, List<String> a, String cmd, IntOption o) throws ShellException {
        IocShell.need(a, 1, cmd + " value");
        try {
            o.set(config(s), integer(a, 0, cmd));
        } catch (IllegalArgumentException e) {
            throw new ShellException(cmd + ": " + e.getMessage());
        }
    }

    private static void infoFile(IocShell s, String name, String infoName) throws ShellException {
        Path file = s.resolve(name);
        try {
            int n = service(s).writeRequestFileFromInfo(file, infoName);
            s.out().println("wrote " + file + " (" + n + " PVs from info(" + infoName + "))");
        } catch (AutosaveFileException e) {
            throw new ShellException(name + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ShellException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
