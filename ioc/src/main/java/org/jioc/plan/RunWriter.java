package org.jioc.plan;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jioc.catalog.RunFile;

/**
 * The data-file hook of the plan layer: a run calls {@link #start} once the run is open (start document complete,
 * extra PVs read), {@link #breakpoint} after the point of every breakpoint (the data so far, extra PVs just read)
 * and {@link #finish} at the end, however the run ended. Each returns the files it wrote or updated; the run adds
 * new paths to the run catalog. An exception fails the run (with its message as the reason); finish is still
 * called after a failure in start or breakpoint, so a writer can close its files.
 *
 * <p>Called on the run's thread, between points (nothing moves meanwhile).
 */
public interface RunWriter {
    /**
     * Called before the run is opened and before anything moves: throw if the files cannot be written (a directory
     * that cannot be created, a bad name template), and the plan is refused with the message (nothing recorded).
     */
    default void check() throws Exception { }

    List<RunFile> start(RunData run) throws Exception;

    List<RunFile> breakpoint(RunData run, int pointIndex) throws Exception;

    /** stop: the RunStop document (exit_status, reason, num_events, time, run_start). */
    List<RunFile> finish(RunData run, ObjectNode stop) throws Exception;

    /** No files (until the data-file writers are plugged in): the catalog records the run with no files. */
    RunWriter NONE = new RunWriter() {
        @Override
        public List<RunFile> start(RunData run) { return List.of(); }

        @Override
        public List<RunFile> breakpoint(RunData run, int pointIndex) { return List.of(); }

        @Override
        public List<RunFile> finish(RunData run, ObjectNode stop) { return List.of(); }
    };
}
