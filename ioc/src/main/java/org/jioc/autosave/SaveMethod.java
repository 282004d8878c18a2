package org.jioc.autosave;

/** When a save set is written, as autosave's create_*_set commands choose. */
public enum SaveMethod {
    /** create_monitor_set: every period, when some PV changed since the last write. */
    MONITOR,
    /** create_periodic_set: every period, changed or not. */
    PERIODIC,
    /** create_triggered_set: whenever the trigger PV posts a value. */
    TRIGGERED,
    /** create_manual_set: only on manual_save. */
    MANUAL
}
