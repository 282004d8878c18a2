package org.jioc.motion;

/**
 * Told an axis' status, on every poll of its controller and after commands. Called with the axis' monitor held,
 * so it must only record the status and queue work; never block or take record locks.
 */
@FunctionalInterface
public interface AxisListener {
    void status(AxisStatus status, boolean forced);
}
