package org.jioc.datafile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScanGridTest {
    /** bluesky snake_cyclers, written out literally: per axis v (+ reversed v), repeated, tiled. */
    private static List<int[]> blueskyOrder(int[] shape, boolean[] snake) {
        int total = 1;
        for (int s : shape) total *= s;
        int[][] perAxis = new int[shape.length][total];
        for (int i = 0; i < shape.length; i++) {
            List<Integer> v = new ArrayList<>();
            for (int k = 0; k < shape[i]; k++) v.add(k);
            if (snake[i]) for (int k = shape[i] - 1; k >= 0; k--) v.add(k);
            int later = 1, earlier = 1;
            for (int j = i + 1; j < shape.length; j++) later *= shape[j];
            for (int j = 0; j < i; j++) earlier *= shape[j];
            List<Integer> seq = new ArrayList<>();
            for (int x : v) for (int r = 0; r < later; r++) seq.add(x);
            List<Integer> tiled = new ArrayList<>();
            while (tiled.size() < total) tiled.addAll(seq);
            for (int p = 0; p < total; p++) perAxis[i][p] = tiled.get(p);
        }
        List<int[]> out = new ArrayList<>();
        for (int p = 0; p < total; p++) {
            int[] idx = new int[shape.length];
            for (int i = 0; i < shape.length; i++) idx[i] = perAxis[i][p];
            out.add(idx);
        }
        return out;
    }

    private static void assertBluesky(int[] shape, boolean[] snake) {
        ScanGrid g = new ScanGrid(shape, snake);
        List<int[]> expected = blueskyOrder(shape, snake);
        assertEquals(expected.size(), g.size());
        for (int p = 0; p < expected.size(); p++) assertArrayEquals(expected.get(p), g.index(p), "point " + p);
    }

    @Test
    void snakeOrderIsBlueskys() {
        assertBluesky(new int[] {3, 4}, new boolean[] {false, true});
        assertBluesky(new int[] {3, 4}, new boolean[] {false, false});
        assertBluesky(new int[] {2, 3, 4}, new boolean[] {false, true, true});
        assertBluesky(new int[] {2, 3, 4}, new boolean[] {false, false, true});
        assertBluesky(new int[] {3, 2, 2}, new boolean[] {false, true, false});
    }

    @Test
    void explicitSnakePoints() {
        ScanGrid g = new ScanGrid(new int[] {2, 3}, new boolean[] {false, true});
        assertArrayEquals(new int[] {0, 2}, g.index(2));
        assertArrayEquals(new int[] {1, 2}, g.index(3));
        assertArrayEquals(new int[] {1, 0}, g.index(5));
        assertEquals(3 + 2, g.offset(3));
        assertEquals(3, g.offset(5));
    }

    @Test
    void firstAxisCannotSnake() {
        DataFileException e = assertThrows(DataFileException.class, () -> new ScanGrid(new int[] {2, 2}, new boolean[] {true, false}));
        assertEquals("the first (slowest) axis cannot snake", e.getMessage());
        assertThrows(DataFileException.class, () -> new ScanGrid(new int[] {2, 2}, new boolean[] {false}));
    }
}
