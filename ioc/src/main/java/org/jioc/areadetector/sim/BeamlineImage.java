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

    static double[] render(SimSettings s, BeamlineState b, int x0, int y0, int w, int h, int maxX, int maxY, Random rnd) {
        double[] out = new double[w * h];
        double pixel = b.fieldOfView() / Math.max(1, maxX);
        boolean beamOk = Double.isFinite(b.energy()) && b.energy() > 0;
        double scale = beamOk ? 25.0 / b.energy() : 1;
        double mu = 4.0 * scale * scale * scale, muInc = 40.0 * scale * scale * scale;
        double flux = b.shutterOpen() && beamOk ? b.flux() * s.gain * Math.min(2, Math.max(0, b.energy() / 25.0)) : 0;
        double theta = Math.toRadians(b.rotation());
        double beamSigmaX = maxX / 3.0, beamSigmaY = maxY / 3.0;
        for (int i = 0; i < h; i++) {
            int row = i + y0;
            double y = (row - maxY / 2.0) * pixel; // mm, beam centre at 0
            double dyb = (row - maxY / 2.0) / beamSigmaY;
            boolean inHeight = Math.abs(y - b.sampleY()) <= HEIGHT / 2;
            for (int j = 0; j < w; j++) {
                int col = j + x0;
                double x = (col - maxX / 2.0) * pixel;
                double dxb = (col - maxX / 2.0) / beamSigmaX;
                double path = 0;
                if (inHeight) {
                    double u = x - b.sampleX();
                    if (Math.abs(u) < RADIUS) path += mu * 2 * Math.sqrt(RADIUS * RADIUS - u * u);
                    for (double[] inc : INCLUSIONS) {
                        double cx = b.sampleX() + inc[0] * Math.cos(theta + Math.toRadians(inc[1]));
                        double du = x - cx;
                        if (Math.abs(du) < inc[2]) path += muInc * 2 * Math.sqrt(inc[2] * inc[2] - du * du);
                    }
                }
                double signal = flux * Math.exp(-0.5 * (dxb * dxb + dyb * dyb)) * Math.exp(-path);
                double v = DARK + signal;
                out[i * w + j] = Math.max(0, v + Math.sqrt(v) * rnd.nextGaussian());
            }
        }
        return out;
    }
}
