package org.jioc.areadetector.asyn;

/**
 * Told of each new value of a parameter, in order, on the thread that called
 * {@link PortDriver#callParamCallbacks()} with the driver's lock held: must only queue work, never block.
 */
@FunctionalInterface
public interface ParamListener {
    void changed(Param p, Object value);
}
