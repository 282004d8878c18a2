package org.jioc.calc;

/**
 * Collects input usage like calcArgUsage(): an input counts as read only if it
 * is fetched before any store to it in postfix order.
 */
final class Usage {
    int read;
    int stored;
    /** Every input index touched by a fetch or a store. */
    int touched;

    void fetch(int index) {
        int bit = 1 << index;
        read |= bit & ~stored;
        touched |= bit;
    }

    void store(int index) {
        int bit = 1 << index;
        stored |= bit;
        touched |= bit;
    }
}
