package org.jioc.datafile;

import java.util.Arrays;

/**
 * The shape of a scan: {@code shape[0]} is the slowest axis. {@code snake[i]} reverses axis i on every other pass
 * of the axes before it, exactly as bluesky's snake_cyclers: axis i's positions doubled to v + reversed(v), each
 * repeated prod(shape[i+1..]) times, the whole tiled prod(shape[..i-1]) times. Axis 0 cannot snake.
 */
public final class ScanGrid {
    private final int[] shape;
    private final boolean[] snake;

    public ScanGrid(int[] shape, boolean[] snake) {
        if (shape.length == 0) throw new DataFileException("a scan grid needs at least one dimension");
        if (snake.length != shape.length)
            throw new DataFileException("snake flags " + snake.length + " for " + shape.length + " dimensions");
        if (snake[0]) throw new DataFileException("the first (slowest) axis cannot snake");
        long n = 1;
        for (int s : shape) {
            if (s < 1 && shape.length > 1) throw new DataFileException("grid dimension " + s + " < 1");
            n *= Math.max(s, 0);
        }
        if (n > Integer.MAX_VALUE) throw new DataFileException("grid of " + n + " points is too large");
        this.shape = shape.clone();
        this.snake = snake.clone();
    }

    /** A 1-D scan of n planned points (0 when the number is not known in advance, e.g. count until stopped). */
    public static ScanGrid line(int n) { return new ScanGrid(new int[] {n}, new boolean[] {false}); }

    public int[] shape() { return shape.clone(); }

    public boolean[] snake() { return snake.clone(); }

    public int rank() { return shape.length; }

    public int size() { return Arrays.stream(shape).reduce(1, (a, b) -> a * b); }

    /** The grid index of point {@code point} (0-based, in scan order). */
    public int[] index(int point) {
        int[] idx = new int[shape.length];
        int later = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            int n = shape[i];
            int k = point / later;
            if (snake[i]) {
                int m = k % (2 * n);
                idx[i] = m < n ? m : 2 * n - 1 - m;
            } else {
                idx[i] = n == 0 ? k : k % n;
            }
            later *= Math.max(n, 1);
        }
        return idx;
    }

    /** Row-major offset of point {@code point} in an array of this grid's shape. */
    public int offset(int point) {
        int[] idx = index(point);
        int off = 0;
        for (int i = 0; i < shape.length; i++) off = off * shape[i] + idx[i];
        return off;
    }
}
