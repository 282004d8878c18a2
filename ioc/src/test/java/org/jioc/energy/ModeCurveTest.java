package org.jioc.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Positions for an energy: a calibrated row gives every axis (POS ones too); between rows the MOVE axes are
 * interpolated linearly and the POS axes left where they are; energies are compared at 1 eV; outside the rows
 * nothing is returned and the reason names the energy and the range.
 */
class ModeCurveTest {
    static final Axis BRAGG = new Axis("bragg", "t:m1", AxisKind.MOVE, "", "t.json:1:1");
    static final Axis Y2 = new Axis("y2", "t:m2", AxisKind.MOVE, "", "t.json:2:1");
    static final Axis FILTER = new Axis("filter", "t:m3", AxisKind.POS, "", "t.json:3:1");
    static final List<Axis> AXES = List.of(BRAGG, Y2, FILTER);

    static CalibrationRow row(double e, double bragg, double y2, double filter) {
        return new CalibrationRow(e, Map.of("bragg", bragg, "y2", y2, "filter", filter), null, "t.json:9:9");
    }

    static final ModeCurve MONO = new ModeCurve("Mono", AXES,
            List.of(row(10, 2.5, 12, 0), row(15, 1.7, 8, 60), row(20, 1.25, 6, 60)));

    @Test
    void aCalibratedEnergyGivesEveryAxisItsRow() throws Exception {
        Setpoints s = MONO.setpoints(15.0);
        assertEquals(Map.of(BRAGG, 1.7, Y2, 8.0, FILTER, 60.0), s.targets());
        assertEquals(List.of(BRAGG, Y2, FILTER), List.copyOf(s.targets().keySet()), "in table order");
        assertSame(MONO.rows().get(1), s.exact());
        assertEquals("calibrated point", s.how());
        assertEquals(Map.of(BRAGG, 2.5, Y2, 12.0, FILTER, 0.0), MONO.setpoints(10).targets(), "the lowest row");
        assertEquals(Map.of(BRAGG, 1.25, Y2, 6.0, FILTER, 60.0), MONO.setpoints(20).targets(), "the highest row");
    }

    @Test
    void betweenRowsMoveAxesAreInterpolatedAndPosAxesStay() throws Exception {
        Setpoints s = MONO.setpoints(12.5);
        assertEquals(2.5 + 0.5 * (1.7 - 2.5), s.targets().get(BRAGG), 1e-12);
        assertEquals(12 + 0.5 * (8 - 12), s.targets().get(Y2), 1e-12);
        assertFalse(s.targets().containsKey(FILTER), "a POS axis only moves at a calibrated point");
        assertNull(s.exact());
        assertEquals("interpolated between 10.000 and 15.000 keV", s.how());

        Setpoints upper = MONO.setpoints(19.0);
        assertEquals(1.7 + 0.8 * (1.25 - 1.7), upper.targets().get(BRAGG), 1e-12, "the bracketing rows, not the ends");
        assertEquals(8 + 0.8 * (6 - 8), upper.targets().get(Y2), 1e-12);
        assertEquals("interpolated between 15.000 and 20.000 keV", upper.how());
    }

    @Test
    void energiesAreComparedAtOneElectronVolt() throws Exception {
        Setpoints near = MONO.setpoints(15.0004);
        assertSame(MONO.rows().get(1), near.exact(), "within half an eV is the calibrated point");
        assertEquals(15.0, near.energy());
        Setpoints off = MONO.setpoints(15.0006);
        assertNull(off.exact());
        assertEquals(15.001, off.energy(), 1e-12, "rounded to 1 eV");
        assertEquals(1.7 + (0.001 / 5) * (1.25 - 1.7), off.targets().get(BRAGG), 1e-12);
    }

    @Test
    void energiesOutsideTheRowsAreRejected() {
        OutOfCalibration below = assertThrows(OutOfCalibration.class, () -> MONO.setpoints(9.999));
        assertEquals("9.999 keV is outside the Mono calibration (10.000 to 20.000 keV)", below.getMessage());
        OutOfCalibration above = assertThrows(OutOfCalibration.class, () -> MONO.setpoints(20.001));
        assertEquals("20.001 keV is outside the Mono calibration (10.000 to 20.000 keV)", above.getMessage());
        assertEquals("the energy NaN keV is not a number",
                assertThrows(OutOfCalibration.class, () -> MONO.setpoints(Double.NaN)).getMessage());
    }

    @Test
    void aSingleRowModeOnlyHasItsOwnEnergy() throws Exception {
        ModeCurve pink = new ModeCurve("Pink", AXES, List.of(row(30, 0, 18, 120)));
        assertEquals(Map.of(BRAGG, 0.0, Y2, 18.0, FILTER, 120.0), pink.setpoints(30).targets());
        assertEquals("30.100 keV is outside the Pink calibration (only 30.000 keV)",
                assertThrows(OutOfCalibration.class, () -> pink.setpoints(30.1)).getMessage());
    }
}
