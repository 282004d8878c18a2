package org.jioc.autosave;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.load.Macros;

/**
 * Boot-time restore (autosave's reboot_restore), hooked into iocInit: pass 0 files before any record is
 * initialised (fields as loaded, links still text, so links and DTYP can be restored), pass 1 files after every
 * init_record and before PINI processing, so restored values override what initialisation set and are in place
 * when the first processing happens. Values are stored as dbStatic would: no processing, no special hooks.
 */
final class BootRestore implements Database.InitHook {
    private static final Logger LOG = Logger.getLogger(BootRestore.class.getName());

    private final AutosaveConfig config;
    private final List<AutosaveConfig.RestoreFile> pass0;
    private final List<AutosaveConfig.RestoreFile> pass1;
    private final Map<String, Optional<SaveFile>> loaded = new HashMap<>();
    private final Set<Path> backedUp = new HashSet<>();
    private final List<String> report = new ArrayList<>();

    BootRestore(AutosaveConfig config, List<AutosaveConfig.RestoreFile> pass0, List<AutosaveConfig.RestoreFile> pass1) {
        this.config = config;
        this.pass0 = List.copyOf(pass0);
        this.pass1 = List.copyOf(pass1);
    }

    @Override
    public void beforeRecordInit(Database db, int pass) {
        if (pass == 0) restoreAll(db, 0, pass0);
    }

    @Override
    public void afterRecordInit(Database db) {
        restoreAll(db, 1, pass1);
    }

    /** One line per file and pass, for save_restoreShow. */
    synchronized List<String> report() { return List.copyOf(report); }

    private void restoreAll(Database db, int pass, List<AutosaveConfig.RestoreFile> files) {
        for (AutosaveConfig.RestoreFile rf : files) restore(db, pass, rf);
    }

    private void restore(Database db, int pass, AutosaveConfig.RestoreFile rf) {
        Path path = rf.resolve(config.saveDir());
        Map<String, String> macros;
        try {
            macros = Macros.parseDefinitions(rf.macros());
        } catch (IllegalArgumentException e) {
            note(pass, path, "bad macros '" + rf.macros() + "': " + e.getMessage());
            LOG.warning("autosave: " + path + ": bad macros '" + rf.macros() + "': " + e.getMessage());
            return;
        }
        // the same file is usually restored in both passes: read and check it once
        Optional<SaveFile> file = loaded.computeIfAbsent(path + "\u0000" + rf.macros(),
                k -> Optional.ofNullable(SaveFileLoader.load(path, macros, config)));
        if (file.isEmpty()) {
            boolean exists = Files.exists(path) || Files.exists(path.resolveSibling(path.getFileName() + "B"));
            note(pass, path, exists ? "nothing restored (no usable file)" : "no save file yet");
            return;
        }
        SaveFile f = file.get();
        if (f.missingCount() > 0) {
            LOG.info("autosave: " + f.path() + ": " + f.missingCount() + " PV(s) had no saved value");
            if (!config.incompleteSetsOk) {
                LOG.warning("autosave: " + f.path() + " is incomplete and save_restoreSet_IncompleteSetsOk is 0:"
                        + " not restored");
                note(pass, path, "not restored (incomplete file)");
                return;
            }
        }
        int restored = 0, otherPass = 0, errors = 0;
        for (SaveFile.Entry e : f.entries()) {
            FieldAddress a = db.resolve(e.pvName());
            if (a == null) {
                errors++;
                LOG.warning("autosave: " + f.path() + ":" + e.line() + ": no PV '" + e.pvName()
                        + "' in this IOC; not restored");
                continue;
            }
            try {
                String skipped = FieldValues.restore(db, a, e.value(), pass);
                if (skipped == null) {
                    restored++;
                } else {
                    otherPass++;
                    if (config.debug > 0) LOG.info("autosave: " + e.pvName() + ": " + skipped);
                }
            } catch (DbException ex) {
                errors++;
                LOG.warning("autosave: " + f.path() + ":" + e.line() + ": " + e.pvName() + ": " + ex.getMessage());
            }
        }
        for (String p : f.lineProblems()) {
            errors++;
            LOG.warning("autosave: " + p);
        }
        String summary = restored + " PV(s) restored from " + f.path()
                + (otherPass > 0 ? ", " + otherPass + " left to the other pass" : "")
                + (errors > 0 ? ", " + errors + " error(s)" : "");
        LOG.info("autosave: pass " + pass + ": " + summary);
        note(pass, path, summary);
        bootBackup(rf, path, f.path());
    }

    /**
     * A copy of the file restored from, once per boot: FILE.bu, or FILE_YYMMDD-HHMMSS with dated backups. None for a
     * file given by its full path (autosave's rule: such files are often read-only defaults).
     */
    private void bootBackup(AutosaveConfig.RestoreFile rf, Path requested, Path used) {
        if (Path.of(rf.file()).isAbsolute()) return;
        if (!backedUp.add(requested)) return;
        String suffix = config.datedBackups ? "_" + SaveFileFormat.DATE.format(LocalDateTime.now()) : ".bu";
        try {
            Files.copy(used, requested.resolveSibling(requested.getFileName() + suffix),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warning("autosave: cannot write the boot backup of " + used + ": " + e.getMessage());
        }
    }

    private synchronized void note(int pass, Path path, String what) {
        report.add("pass " + pass + ": " + path.getFileName() + ": " + what);
    }
}
