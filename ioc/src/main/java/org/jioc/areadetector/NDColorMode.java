package org.jioc.areadetector;

/** NDColorMode_t: ordinals are the ColorMode values (simDetector's mbbo offers Mono 0, RGB1 2, RGB2 3, RGB3 4). */
public enum NDColorMode {
    Mono, Bayer, RGB1, RGB2, RGB3, YUV444, YUV422, YUV421;

    public static NDColorMode of(int value) {
        NDColorMode[] all = values();
        if (value < 0 || value >= all.length) throw new IllegalArgumentException("no NDColorMode " + value + " (0..7)");
        return all[value];
    }
}
