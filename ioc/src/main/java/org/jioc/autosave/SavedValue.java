package org.jioc.autosave;

import java.util.List;

/** A PV's value as a save file holds it: one string, or the elements of an {@code @array@ { ... }}. */
sealed interface SavedValue permits SavedValue.Scalar, SavedValue.Array {
    /** A scalar as text (unescaped: what is stored into the field). */
    record Scalar(String text) implements SavedValue { }

    /** Array elements as text, in order; NORD is their count. */
    record Array(List<String> elements) implements SavedValue {
        public Array {
            elements = List.copyOf(elements);
        }
    }
}
