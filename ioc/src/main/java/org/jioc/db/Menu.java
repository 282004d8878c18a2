package org.jioc.db;

import java.util.List;

/** A dbd menu: a name and its ordered choice strings. Clients match these strings exactly. */
public final class Menu {
    private final String name;
    private final String[] choices;

    public Menu(String name, String... choices) {
        this.name = name;
        this.choices = choices.clone();
    }

    public String name() { return name; }

    public int size() { return choices.length; }

    public String choice(int i) { return i >= 0 && i < choices.length ? choices[i] : ""; }

    public List<String> choices() { return List.of(choices); }

    /** Index of a choice string, or -1. EPICS matches exactly; we also accept a decimal index. */
    public int indexOf(String s) {
        for (int i = 0; i < choices.length; i++) if (choices[i].equals(s)) return i;
        return -1;
    }
}
