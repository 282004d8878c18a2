package org.jioc.autosave;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.jioc.IocService;
import org.jioc.db.Database;

/**
 * Autosave for one IOC (the synApps module's save/restore): the configuration the st.cmd commands build, the
 * boot-time restore installed as iocInit hooks, and the save thread with its save sets. Records with
 * {@code info(autosaveFields ...)} tags get the sets autosave's makeAutosaveFiles would make (info_settings,
 * info_positions) without a request file, once a save directory is set.
 */
public final class AutosaveService implements IocService {
    private static final Logger LOG = Logger.getLogger(AutosaveService.class.getName());
    private static final DateTimeFormatter SHOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A create_*_set command: its request file already read, its save file fixed. */
    private record SetSpec(String requestName, SaveMethod method, int period, String trigger, String macros,
                           List<RequestEntry> entries, Path saveFile, boolean fromInfoTags) { }

    private final AutosaveConfig config = new AutosaveConfig();
    private final List<SetSpec> pending = new ArrayList<>();
    private final List<SetSpec> active = new ArrayList<>();
    private Database db;
    private SaveTask task;
    private BootRestore restore;

    @Override
    public String name() { return "autosave"; }

    public AutosaveConfig config() { return config; }

    /** Install the restore: the files set with set_passN_restoreFile, plus the info-tag sets' files. */
    @Override
    public void beforeInit(Database database, Map<String, String> env) {
        List<AutosaveConfig.RestoreFile> pass0 = new ArrayList<>(config.restoreFiles(0));
        List<AutosaveConfig.RestoreFile> pass1 = new ArrayList<>(config.restoreFiles(1));
        boolean settings = InfoTags.any(database, InfoTags.SETTINGS_TAG);
        boolean positions = InfoTags.any(database, InfoTags.POSITIONS_TAG);
        if (config.saveDir() == null) {
            if (settings || positions) {
                LOG.info("autosave: records have info(" + InfoTags.SETTINGS_TAG + ") tags, but set_savefile_path"
                        + " was not called: those fields are neither saved nor restored");
            }
        } else {
            Path cwd = config.saveDir();
            if (positions) addOnce(pass0, new AutosaveConfig.RestoreFile("info_positions.sav", "", cwd));
            if (settings) {
                addOnce(pass0, new AutosaveConfig.RestoreFile("info_settings.sav", "", cwd));
                addOnce(pass1, new AutosaveConfig.RestoreFile("info_settings.sav", "", cwd));
            }
        }
        restore = new BootRestore(config, pass0, pass1);
        database.addInitHook(restore);
    }

    private void addOnce(List<AutosaveConfig.RestoreFile> list, AutosaveConfig.RestoreFile f) {
        Path p = f.resolve(config.saveDir());
        for (AutosaveConfig.RestoreFile x : list) if (x.resolve(config.saveDir()).equals(p)) return;
        list.add(f);
    }

    /** Start the save thread with the info-tag sets and the sets created before iocInit. */
    @Override
    public synchronized void start(Database database, Map<String, String> env) throws Exception {
        db = database;
        task = new SaveTask(config);
        List<SetSpec> specs = new ArrayList<>(infoSets(database));
        specs.addAll(pending);
        pending.clear();
        try {
            for (SetSpec s : specs) {
                if (s.fromInfoTags() && findBySaveFile(specs, s.saveFile(), s) != null) continue; // a user set wins
                connect(s);
            }
        } catch (Exception e) {
            task.shutdownWithoutSaving();
            task = null;
            active.clear();
            throw e;
        }
    }

    private List<SetSpec> infoSets(Database database) {
        List<SetSpec> out = new ArrayList<>();
        if (config.saveDir() == null) return out;
        int period = config.infoPeriodSeconds();
        List<RequestEntry> positions = InfoTags.entries(database, InfoTags.POSITIONS_TAG, LOG::warning);
        List<RequestEntry> settings = InfoTags.entries(database, InfoTags.SETTINGS_TAG, LOG::warning);
        if (!positions.isEmpty()) out.add(infoSet(InfoTags.POSITIONS_SET, positions, period));
        if (!settings.isEmpty()) out.add(infoSet(InfoTags.SETTINGS_SET, settings, period));
        return out;
    }

    private SetSpec infoSet(String name, List<RequestEntry> entries, int period) {
        return new SetSpec(name, SaveMethod.MONITOR, period, null, "", entries,
                config.saveDir().resolve(SaveSet.saveFileName(name)), true);
    }

    @Override
    public synchronized void stop() {
        if (task != null) task.shutdown();
        task = null;
    }

    /**
     * create_monitor_set and friends: read the request file now (errors as file:line), then start saving, or, before
     * iocInit, once the database runs. An automatic info-tag set with the same save file gives way to it.
     *
     * @param searchPath where request files are looked for (set_requestfile_path, else the shell's directory)
     * @param cwd the shell's directory: the save directory when set_savefile_path was not called
     */
    public synchronized void createSet(String requestFile, SaveMethod method, int periodSeconds, String trigger,
                                       String macros, List<Path> searchPath, Path cwd)
            throws AutosaveFileException, IOException {
        List<RequestEntry> entries = RequestFileReader.read(requestFile, macros, searchPath);
        Path dir = config.saveDir() != null ? config.saveDir() : cwd;
        Path saveFile = dir.resolve(SaveSet.saveFileName(requestFile)).toAbsolutePath().normalize();
        SetSpec spec = new SetSpec(requestFile, method, Math.max(1, periodSeconds), trigger, macros, entries,
                saveFile, false);
        List<SetSpec> all = new ArrayList<>(pending);
        all.addAll(active);
        SetSpec clash = findBySaveFile(all, saveFile, null);
        if (clash != null && !clash.fromInfoTags()) {
            throw new AutosaveFileException(requestFile + ": a save set already writes " + saveFile + " (from "
                    + clash.requestName() + ")");
        }
        if (task == null) {
            pending.add(spec);
            return;
        }
        if (clash != null) {
            SaveSet old = setFor(clash);
            if (old != null) task.remove(old);
            active.remove(clash);
            LOG.info("autosave: " + requestFile + " replaces the automatic info-tag set for " + saveFile);
        }
        connect(spec);
    }

    private void connect(SetSpec s) throws IOException, AutosaveFileException {
        SaveSet set = new SaveSet(s.requestName(), s.method(), s.period(), s.trigger(), s.macros(), s.entries(),
                s.saveFile());
        try {
            set.connect(db, LOG::warning, () -> task.trigger(set));
        } catch (IOException | AutosaveFileException e) {
            set.disconnect();
            throw e;
        }
        task.add(set);
        active.add(s);
    }

    private static SetSpec findBySaveFile(List<SetSpec> specs, Path saveFile, SetSpec except) {
        for (SetSpec s : specs) if (s != except && s.saveFile().equals(saveFile)) return s;
        return null;
    }

    private SaveSet setFor(SetSpec spec) {
        if (task == null) return null;
        for (SaveSet s : task.sets()) if (s.saveFile().equals(spec.saveFile())) return s;
        return null;
    }

    /** manual_save: write the set of this request file now. */
    public boolean manualSave(String requestFile) throws AutosaveFileException {
        SaveSet set = null;
        SaveTask t;
        synchronized (this) {
            t = task;
            if (t != null) for (SaveSet s : t.sets()) if (s.requestName.equals(requestFile)) set = s;
        }
        if (set == null) throw new AutosaveFileException("manual_save: no save set for " + requestFile);
        return t.saveNow(set);
    }

    /**
     * makeAutosaveFileFromDbInfo: write the PVs named by an info tag to a request file (".req" added when the name
     * has none). Returns the file and the number of PVs.
     */
    public int writeRequestFileFromInfo(Path file, String infoName) throws IOException, AutosaveFileException {
        Database d = db;
        if (d == null) throw new AutosaveFileException("the database is not initialized (iocInit has not run)");
        List<RequestEntry> entries = InfoTags.entries(d, infoName, LOG::warning);
        StringBuilder b = new StringBuilder();
        for (RequestEntry e : entries) b.append(e.pvName()).append('\n');
        Files.writeString(file, b.toString());
        return entries.size();
    }

    /** save_restoreShow: the sets, their state, and the boot-time restore. */
    public synchronized void show(PrintStream out, int verbose) {
        out.println("save directory: " + (config.saveDir() == null ? "(not set: the shell's directory)"
                : config.saveDir()));
        out.println("request file path: " + (config.requestPath().isEmpty() ? "(not set: the shell's directory)"
                : config.requestPath().toString()));
        List<SaveSet> sets = task == null ? List.of() : task.sets();
        if (!pending.isEmpty()) out.println(pending.size() + " save set(s) start at iocInit");
        for (SaveSet s : sets) {
            String how = switch (s.method) {
                case MONITOR -> "monitor set, every " + s.periodSeconds + " s when changed";
                case PERIODIC -> "periodic set, every " + s.periodSeconds + " s";
                case TRIGGERED -> "triggered set, on " + s.triggerPv;
                case MANUAL -> "manual set";
            };
            out.println("  " + s.requestName + ": " + how + ", " + s.size() + " PV(s)"
                    + (s.missing() > 0 ? " (" + s.missing() + " not in this IOC)" : "")
                    + (s.macros.isEmpty() ? "" : ", macros '" + s.macros + "'"));
            out.println("    file " + s.saveFile() + ", last saved "
                    + (s.lastSave() == null ? "never" : SHOW_TIME.format(s.lastSave())) + ", status: " + s.status());
            if (verbose > 0) for (String line : s.describePvs()) out.println("      " + line);
        }
        out.println("boot restore:");
        List<String> report = restore == null ? List.of() : restore.report();
        if (report.isEmpty()) out.println("  (nothing restored)");
        for (String line : report) out.println("  " + line);
    }
}
