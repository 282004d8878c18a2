package org.jioc.areadetector.sim;

import java.util.Random;

/**
 * The simDetector images in sensor pixels (double), before binning and type conversion. Settings come in as a
 * {@link SimSettings} snapshot; the ramp keeps its state between frames (reset → base, then + Gain per frame).
 */
final class SimPattern {
    private final Random random = new Random(12345);
    private double[] ramp;
    private double[] background;
    private int width, height;
    private long sineFrame;

    /** Forget the ramp and the background (Reset, a size or mode change). */
    synchronized void reset() {
        ramp = null;
        background = null;
        sineFrame = 0;
    }

    /** One raw frame of w×h pixels at sensor offset (x0, y0). */
    synchronized double[] frame(SimSettings s, int x0, int y0, int w, int h, BeamlineState beam) {
        if (w != width || h != height) {
            reset();
            width = w;
            height = h;
        }
        double[] out;
        switch (s.mode) {
            case 0 -> out = ramp(s, x0, y0, w, h);
            case 1 -> out = peaks(s, x0, y0, w, h);
            case 2 -> out = sine(s, w, h);
            case 4 -> out = BeamlineImage.render(s, beam, x0, y0, w, h, s.maxSizeX, s.maxSizeY, random);
            default -> out = new double[w * h];
        }
        if (s.offset != 0 || s.noise != 0) addBackground(s, out);
        return out;
    }

    private double[] ramp(SimSettings s, int x0, int y0, int w, int h) {
        if (ramp == null) {
            ramp = new double[w * h];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) ramp[i * w + j] = s.gain * (s.gainX * (j + x0) + s.gainY * (i + y0));
            }
        } else {
            for (int k = 0; k < ramp.length; k++) ramp[k] += s.gain;
        }
        return ramp.clone();
    }

    private double[] peaks(SimSettings s, int x0, int y0, int w, int h) {
        double[] out = new double[w * h];
        double sx = Math.max(s.peakWidthX, 1e-9), sy = Math.max(s.peakWidthY, 1e-9);
        for (int py = 0; py < s.peakNumY; py++) {
            for (int px = 0; px < s.peakNumX; px++) {
                double cx = s.peakStartX + px * s.peakStepX, cy = s.peakStartY + py * s.peakStepY;
                double height = s.gain * (1 + s.peakVariation / 100.0 * (random.nextDouble() - 0.5));
                if (s.peakVariation == 0) height = s.gain;
                int jLo = (int) Math.max(0, Math.floor(cx - 4 * sx) - x0), jHi = (int) Math.min(w - 1, Math.ceil(cx + 4 * sx) - x0);
                int iLo = (int) Math.max(0, Math.floor(cy - 4 * sy) - y0), iHi = (int) Math.min(h - 1, Math.ceil(cy + 4 * sy) - y0);
                for (int i = iLo; i <= iHi; i++) {
                    double dy = (i + y0 - cy) / sy;
                    for (int j = jLo; j <= jHi; j++) {
                        double dx = (j + x0 - cx) / sx;
                        out[i * w + j] += height * Math.exp(-0.5 * (dx * dx + dy * dy));
                    }
                }
            }
        }
        return out;
    }

    private double[] sine(SimSettings s, int w, int h) {
        double[] xs = new double[w], ys = new double[h];
        for (int j = 0; j < w; j++) {
            double t = (sineFrame * s.gainX + j) / (double) w;
            xs[j] = combine(s.xSineOperation, s.x1Amp * Math.sin(2 * Math.PI * (t * s.x1Freq + s.x1Phase / 360)),
                    s.x2Amp * Math.sin(2 * Math.PI * (t * s.x2Freq + s.x2Phase / 360)));
        }
        for (int i = 0; i < h; i++) {
            double t = (sineFrame * s.gainY + i) / (double) h;
            ys[i] = combine(s.ySineOperation, s.y1Amp * Math.sin(2 * Math.PI * (t * s.y1Freq + s.y1Phase / 360)),
                    s.y2Amp * Math.sin(2 * Math.PI * (t * s.y2Freq + s.y2Phase / 360)));
        }
        sineFrame++;
        double[] out = new double[w * h];
        for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) out[i * w + j] = s.gain * (ys[i] + xs[j]);
        return out;
    }

    private static double combine(int op, double a, double b) { return op == 1 ? a * b : a + b; }

    private void addBackground(SimSettings s, double[] out) {
        int n = out.length;
        if (background == null || background.length != 2 * n) {
            background = new double[2 * n];
            for (int k = 0; k < background.length; k++) background[k] = s.offset + s.noise * random.nextDouble();
        }
        int start = random.nextInt(n);
        for (int k = 0; k < n; k++) out[k] += background[start + k];
    }
}
