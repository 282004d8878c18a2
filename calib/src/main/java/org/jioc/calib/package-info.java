/** Detector calibration store: versioned constants per detector, valid for run ranges. Filled by its own issue. */
package org.jioc.calib;
