package org.jioc.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Point order and shape of every plan, against orders written out by hand from bluesky's definitions. */
class PlanPointsTest {
    private static List<String> order(PlanPoints p) {
        List<String> out = new ArrayList<>();
        for (double[] pt : p.points()) {
            StringBuilder b = new StringBuilder();
            for (double v : pt) b.append(b.length() == 0 ? "" : ",").append((long) v == v ? "" + (long) v : "" + v);
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void countHasNumReadingsAndNoMotors() {
        PlanPoints p = PlanRequest.of(PlanKind.COUNT, List.of(), 4, List.of("d")).points();
        assertEquals(4, p.size());
        assertArrayEquals(new int[] {4}, p.shape());
        assertEquals(0, p.point(0).length);
    }

    @Test
    void scanMovesAllMotorsTogetherAlongLinspace() {
        PlanPoints p = PlanRequest.of(PlanKind.SCAN, List.of(Axis.linear("a", 0, 4, 0), Axis.linear("b", 10, 2, 0)),
                5, List.of()).points();
        assertEquals(List.of("0,10", "1,8", "2,6", "3,4", "4,2"), order(p));
        assertArrayEquals(new int[] {5}, p.shape());
    }

    @Test
    void listScanTakesTheListsTogetherAndNeedsEqualLengths() {
        PlanPoints p = PlanRequest.of(PlanKind.LIST_SCAN, List.of(Axis.list("a", 1, 5, 2), Axis.list("b", 0, 0, 7)),
                0, List.of()).points();
        assertEquals(List.of("1,0", "5,0", "2,7"), order(p));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanRequest.of(
                PlanKind.LIST_SCAN, List.of(Axis.list("a", 1, 2), Axis.list("b", 1)), 0, List.of()).points());
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
    }

    @Test
    void gridWithoutSnakeIsANestedProductFirstMotorSlowest() {
        PlanPoints p = PlanRequest.of(PlanKind.GRID_SCAN, List.of(Axis.grid("a", 1, 3, 3, false),
                Axis.grid("b", 1, 2, 2, false)), 0, List.of()).points();
        assertEquals(List.of("1,1", "1,2", "2,1", "2,2", "3,1", "3,2"), order(p));
        assertArrayEquals(new int[] {3, 2}, p.shape());
    }

    @Test
    void snakeGridRunsTheInnerAxisBackwardsOnOddOuterPasses() {
        PlanPoints p = PlanRequest.of(PlanKind.GRID_SCAN, List.of(Axis.grid("a", 1, 3, 3, false),
                Axis.grid("b", 1, 3, 3, true)), 0, List.of()).points();
        assertEquals(List.of("1,1", "1,2", "1,3", "2,3", "2,2", "2,1", "3,1", "3,2", "3,3"), order(p));
    }

    /** bluesky's own test_snake_cyclers case: z (3) slowest, y (2), x (3) fastest, snaking y and x. */
    @Test
    void threeAxisSnakeMatchesBlueskysSnakeCyclers() {
        PlanPoints p = PlanRequest.of(PlanKind.GRID_SCAN, List.of(Axis.grid("z", 1, 3, 3, false),
                Axis.grid("y", 1, 2, 2, true), Axis.grid("x", 1, 3, 3, true)), 0, List.of()).points();
        assertEquals(List.of(
                "1,1,1", "1,1,2", "1,1,3", "1,2,3", "1,2,2", "1,2,1",
                "2,2,1", "2,2,2", "2,2,3", "2,1,3", "2,1,2", "2,1,1",
                "3,1,1", "3,1,2", "3,1,3", "3,2,3", "3,2,2", "3,2,1"), order(p));
        assertArrayEquals(new boolean[] {false, true, true}, p.snaking());
    }

    @Test
    void theFirstMotorCannotSnakeAndNamesMustBeUnique() {
        assertThrows(IllegalArgumentException.class, () -> PlanRequest.of(PlanKind.GRID_SCAN,
                List.of(Axis.grid("a", 0, 1, 2, true), Axis.grid("b", 0, 1, 2, false)), 0, List.of()).points());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanRequest.of(
                PlanKind.SCAN, List.of(Axis.linear("a", 0, 1, 0), Axis.linear("a", 0, 1, 0)), 3, List.of()).points());
        assertTrue(e.getMessage().contains("twice"));
    }

    @Test
    void relativePointsAreShiftedByTheOrigin() {
        PlanPoints p = PlanRequest.of(PlanKind.REL_SCAN, List.of(Axis.linear("a", -1, 1, 0)), 3, List.of()).points()
                .shifted(new double[] {10});
        assertEquals(List.of("9", "10", "11"), order(p));
    }

    @Test
    void gridMetadataHasShapeExtentsSnakingAndHints() {
        PlanRequest r = PlanRequest.of(PlanKind.GRID_SCAN, List.of(Axis.grid("a", 0, 2, 3, false),
                Axis.grid("b", -1, 1, 2, true)), 0, List.of("d1", "d2"));
        ObjectNode md = StartDocument.build(r, r.points());
        assertEquals("grid_scan", md.get("plan_name").asText());
        assertEquals("[3,2]", md.get("shape").toString());
        assertEquals("[[0.0,2.0],[-1.0,1.0]]", md.get("extents").toString());
        assertEquals("[false,true]", md.get("snaking").toString());
        assertEquals(6, md.get("num_points").asInt());
        assertEquals(5, md.get("num_intervals").asInt());
        assertEquals("outer_product", md.get("plan_pattern").asText());
        assertEquals("rectilinear", md.at("/hints/gridding").asText());
        assertEquals("[[[\"a\"],\"primary\"],[[\"b\"],\"primary\"]]", md.at("/hints/dimensions").toString());
        assertEquals("[\"a\",0.0,2.0,3,\"b\",-1.0,1.0,2]", md.at("/plan_args/args").toString());
        assertTrue(md.at("/plan_args/snake_axes").asBoolean(), "every axis but the first snakes: True");
        assertEquals("[\"a\",\"b\"]", md.get("motors").toString());
        assertEquals("[\"d1\",\"d2\"]", md.get("detectors").toString());
    }

    @Test
    void scanAndCountMetadataAsBluesky() {
        PlanRequest s = PlanRequest.of(PlanKind.SCAN, List.of(Axis.linear("a", 0, 1, 0), Axis.linear("b", 2, 3, 0)),
                11, List.of("d"));
        ObjectNode md = StartDocument.build(s, s.points());
        assertEquals("inner_product", md.get("plan_pattern").asText());
        assertEquals(11, md.at("/plan_args/num").asInt());
        assertEquals("[[[\"a\",\"b\"],\"primary\"]]", md.at("/hints/dimensions").toString());
        assertEquals(10, md.get("num_intervals").asInt());
        PlanRequest c = PlanRequest.of(PlanKind.COUNT, List.of(), 3, List.of("d"));
        ObjectNode cm = StartDocument.build(c, c.points());
        assertEquals("[[[\"time\"],\"primary\"]]", cm.at("/hints/dimensions").toString());
        assertEquals("[]", cm.get("motors").toString());
        assertEquals(3, cm.at("/plan_args/num").asInt());
        assertFalse(cm.has("shape"));
    }
}
