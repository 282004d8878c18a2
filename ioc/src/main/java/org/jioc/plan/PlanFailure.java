package org.jioc.plan;

/** A run cannot go on (or cannot start, when refused before anything moved): the message says why. */
public class PlanFailure extends Exception {
    private final boolean refused;

    PlanFailure(String message) { this(message, false); }

    PlanFailure(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    static PlanFailure refused(String message) { return new PlanFailure(message, true); }

    /** Refused before anything moved or was recorded. */
    public boolean refused() { return refused; }
}
