package org.jioc.areadetector.sim;

/** A snapshot of the camera's settings for computing one frame (taken under the driver's lock). */
final class SimSettings {
    int mode, maxSizeX, maxSizeY;
    double gain, gainX, gainY, offset, noise;
    int peakStartX, peakStartY, peakWidthX, peakWidthY, peakNumX, peakNumY, peakStepX, peakStepY;
    double peakVariation;
    int xSineOperation, ySineOperation;
    double x1Amp, x1Freq, x1Phase, x2Amp, x2Freq, x2Phase, y1Amp, y1Freq, y1Phase, y2Amp, y2Freq, y2Phase;
}
