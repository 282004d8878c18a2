package org.jioc.savedata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jioc.record.SscanRecord;

/**
 * One run as saveData sees it: the outermost scan (level 0) and the scans it started through a trigger on their
 * EXSC (level 1, 2, ... innermost last), discovered as they start. Every pass of a level is secured when that scan
 * posts DATA=1, keyed by the points of the outer levels it ran at (the mixed-radix index of the outer CPTs), so a
 * 2-D chain gets one row per outer point.
 */
final class ChainRun {
    final SscanRecord root;
    final double startTime;
    private final List<SscanRecord> levels = new ArrayList<>();
    private final List<Map<Integer, ScanPass>> passes = new ArrayList<>();
    private final List<Double> passStart = new ArrayList<>();

    ChainRun(SscanRecord root, double startTime) {
        this.root = root;
        this.startTime = startTime;
        levels.add(root);
        passes.add(new HashMap<>());
        passStart.add(startTime);
    }

    int level(SscanRecord r) { return levels.indexOf(r); }

    List<SscanRecord> levels() { return List.copyOf(levels); }

    int rank() { return levels.size(); }

    /** inner was started by outer's trigger: it becomes the next level if outer is the innermost so far. */
    boolean addInner(SscanRecord outer, SscanRecord inner) {
        if (levels.contains(inner)) return true;
        if (levels.get(levels.size() - 1) != outer) return false;
        levels.add(inner);
        passes.add(new HashMap<>());
        passStart.add(Double.NaN);
        return true;
    }

    void passStarted(int level, double time) { passStart.set(level, time); }

    double passStart(int level) { return passStart.get(level); }

    void passEnded(int level, int key, ScanPass pass) { passes.get(level).put(key, pass); }

    /** The pass of level at key (null if it never ended). */
    ScanPass pass(int level, int key) { return passes.get(level).get(key); }

    /** Any pass of level (its configuration), the lowest key first; null if none. */
    ScanPass anyPass(int level) {
        return passes.get(level).entrySet().stream().min(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                .orElse(null);
    }

    /** The keys of the passes of level that ended. */
    List<Integer> keys(int level) { return passes.get(level).keySet().stream().sorted().toList(); }
}
