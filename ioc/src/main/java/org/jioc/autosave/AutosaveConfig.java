package org.jioc.autosave;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the st.cmd autosave commands set: where request files are searched and save files written, which files
 * are restored in which pass, and the save_restoreSet_* options (autosave's defaults). Relative paths were
 * resolved against the shell's directory when the command ran.
 */
public final class AutosaveConfig {
    /** A file to restore at boot: its name (absolute, or relative to the save directory) and macros for its lines. */
    public record RestoreFile(String file, String macros, Path cwd) {
        /** Absolute: as given; relative: in the save directory, or the shell's directory when there is none. */
        Path resolve(Path saveDir) {
            Path p = Path.of(file);
            if (p.isAbsolute()) return p.normalize();
            return (saveDir != null ? saveDir : cwd).resolve(p).toAbsolutePath().normalize();
        }
    }

    private final List<Path> requestPath = new ArrayList<>();
    private final List<RestoreFile> pass0 = new ArrayList<>();
    private final List<RestoreFile> pass1 = new ArrayList<>();
    private volatile Path saveDir;
    volatile int numSeqFiles = 3;
    volatile int seqPeriodSeconds = 60;
    volatile int retrySeconds = 60;
    volatile int callbackTimeoutSeconds = 600;
    volatile int infoPeriodSeconds = 5;
    volatile int debug;
    volatile boolean datedBackups = true;
    volatile boolean incompleteSetsOk = true;
    volatile Set<PosixFilePermission> permissions;

    public synchronized void addRequestPath(Path dir) { requestPath.add(dir); }

    /** The request-file search path; empty means "the shell's directory" (autosave searches the cwd then). */
    public synchronized List<Path> requestPath() { return List.copyOf(requestPath); }

    public void setSaveDir(Path dir) { saveDir = dir; }

    public Path saveDir() { return saveDir; }

    public synchronized void addRestoreFile(int pass, RestoreFile f) { (pass == 0 ? pass0 : pass1).add(f); }

    public synchronized List<RestoreFile> restoreFiles(int pass) { return List.copyOf(pass == 0 ? pass0 : pass1); }

    public void setNumSeqFiles(int n) {
        if (n < 0 || n > 10) throw new IllegalArgumentException("the number of sequence files must be 0..10");
        numSeqFiles = n;
    }

    /** autosave keeps at least 10 s between sequence copies. */
    public void setSeqPeriodSeconds(int s) { seqPeriodSeconds = Math.max(10, s); }

    public void setRetrySeconds(int s) {
        if (s < 0) throw new IllegalArgumentException("the retry interval cannot be negative");
        retrySeconds = s;
    }

    /** Seconds between forced checks of monitor sets for changes nobody posted; negative: never. */
    public void setCallbackTimeoutSeconds(int s) {
        if (s >= 0 && s < 4) throw new IllegalArgumentException("the callback timeout must be negative or >= 4 s");
        callbackTimeoutSeconds = s;
    }

    public void setInfoPeriodSeconds(int s) {
        if (s < 1) throw new IllegalArgumentException("the info-tag save period must be at least 1 s");
        infoPeriodSeconds = s;
    }

    public void setDebug(int level) { debug = level; }

    public void setDatedBackups(boolean on) { datedBackups = on; }

    public void setIncompleteSetsOk(boolean ok) { incompleteSetsOk = ok; }

    /** Unix permission bits for new save files, as save_restoreSet_FilePermissions takes them (e.g. 0640). */
    public void setPermissions(int mode) {
        if (mode < 0 || mode > 0777) throw new IllegalArgumentException("file permissions must be 0000..0777");
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int b = 0; b < 9; b++) if ((mode & (1 << b)) != 0) s.add(bits[b]);
        permissions = s;
    }

    public int numSeqFiles() { return numSeqFiles; }

    public int infoPeriodSeconds() { return infoPeriodSeconds; }

    public boolean datedBackups() { return datedBackups; }
}
