package org.jioc.areadetector.sim;

/**
 * What the beamline mode sees, fed by the template's closed-loop records from motor, energy and shutter PVs:
 * sample X/Y (mm), rotation (deg), photon energy (keV), shutter open, and the field of view (mm across MaxSizeX).
 */
record BeamlineState(double sampleX, double sampleY, double rotation, double energy, boolean shutterOpen,
                     double fieldOfView, double flux) { }
