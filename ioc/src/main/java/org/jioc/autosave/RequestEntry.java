package org.jioc.autosave;

/** One PV of a save set: its name as written (after macros) and where it was asked for ("file:line" or an info tag). */
record RequestEntry(String pvName, String where) { }
