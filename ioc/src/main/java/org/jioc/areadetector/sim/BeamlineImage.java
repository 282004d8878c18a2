package org.jioc.areadetector.sim;

import java.util.Random;

/**
 * The beamline mode's transmission image: a Gaussian beam footprint (the flat field) through a sample that the
 * stage moves and rotates: a cylinder of radius 0.3 mm and height 1 mm with three dense inclusions off its axis,
 * so the projection changes with the rotation angle. Absorption falls as 1/E³ (μ at 25 keV = 4/mm for the
 * cylinder), flux scales with the energy; a closed shutter leaves only the dark level. Poisson-like noise on top.
 */
final class BeamlineImage {
    private BeamlineImage() { }

    static final double RADIUS = 0.3, HEIGHT = 1.0, DARK = 10;
    private static final double[][] INCLUSIONS = {{0.15, 0, 0.06}, {0.1, 120, 0.04}, {0.2, 250, 0.05}};

    /** Standard normal deviates drawn once; each pixel picks one with a xorshift index (the noise of a simulator,
     * not of a Monte Carlo: a per-pixel nextGaussian() made a 1024x1024 frame take 100 ms). */
    private static final int NOISE_BITS = 16;
    private static final double[] NORMAL = new double[1 << NOISE_BITS];
    static {
        Random r = new Random(20261121L);
        for (int i = 0; i < NORMAL.length; i++) NORMAL[i] = r.nextGaussian();
    }

    static double[] render(SimSettings s, BeamlineState b, int x0, int y0, int w, int h, int maxX, int maxY, Random rnd) {
        double[] out = new double[w * h];
        double pixel = b.fieldOfView() / Math.max(1, maxX);
        boolean beamOk = Double.isFinite(b.energy()) && b.energy() > 0;
        double scale = beamOk ? 25.0 / b.energy() : 1;
        double mu = 4.0 * scale * scale * scale, muInc = 40.0 * scale * scale * scale;
        double flux = b.shutterOpen() && beamOk ? b.flux() * s.gain * Math.min(2, Math.max(0, b.energy() / 25.0)) : 0;
        double theta = Math.toRadians(b.rotation());
        double beamSigmaX = maxX / 3.0, beamSigmaY = maxY / 3.0;
        // The sample is a vertical cylinder: its transmission depends on the column only, the beam is separable.
        double[] beamX = new double[w], sampleX = new double[w];
        double[] incX = new double[INCLUSIONS.length];
        for (int k = 0; k < INCLUSIONS.length; k++) {
            incX[k] = b.sampleX() + INCLUSIONS[k][0] * Math.cos(theta + Math.toRadians(INCLUSIONS[k][1]));
        }
        for (int j = 0; j < w; j++) {
            int col = j + x0;
            double x = (col - maxX / 2.0) * pixel;
            double dxb = (col - maxX / 2.0) / beamSigmaX;
            beamX[j] = Math.exp(-0.5 * dxb * dxb);
            double path = 0, u = x - b.sampleX();
            if (Math.abs(u) < RADIUS) path += mu * 2 * Math.sqrt(RADIUS * RADIUS - u * u);
            for (int k = 0; k < INCLUSIONS.length; k++) {
                double r = INCLUSIONS[k][2], du = x - incX[k];
                if (Math.abs(du) < r) path += muInc * 2 * Math.sqrt(r * r - du * du);
            }
            sampleX[j] = Math.exp(-path);
        }
        long state = rnd.nextLong() | 1;
        int mask = NORMAL.length - 1;
        for (int i = 0; i < h; i++) {
            int row = i + y0;
            double y = (row - maxY / 2.0) * pixel; // mm, beam centre at 0
            double dyb = (row - maxY / 2.0) / beamSigmaY;
            double rowFlux = flux * Math.exp(-0.5 * dyb * dyb);
            boolean inHeight = Math.abs(y - b.sampleY()) <= HEIGHT / 2;
            int base = i * w;
            for (int j = 0; j < w; j++) {
                double v = DARK + rowFlux * beamX[j] * (inHeight ? sampleX[j] : 1);
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                out[base + j] = Math.max(0, v + Math.sqrt(v) * NORMAL[(int) (state >>> 40) & mask]);
            }
        }
        return out;
    }
}
