package org.jioc.db;

/** EPICS timestamps count seconds from 1990-01-01 UTC; records keep POSIX seconds + nanoseconds. */
public final class EpicsTime {
    private EpicsTime() { }

    /** POSIX seconds of the EPICS epoch. */
    public static final long EPICS_EPOCH = 631152000L;

    public static long posixToEpics(long posixSec) { return posixSec - EPICS_EPOCH; }

    public static String format(long posixSec, int nsec) {
        java.time.Instant i = java.time.Instant.ofEpochSecond(posixSec, nsec);
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn")
                .withZone(java.time.ZoneId.systemDefault()).format(i);
    }
}
