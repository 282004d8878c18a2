package org.jioc.areadetector;

/** A plugin receiving frames from an upstream port (the NDArray callback of asynGenericPointer). */
public interface NDArrayListener {
    /** Called on the producer's thread: a blocking plugin processes here, a non-blocking one queues. */
    void onArray(NDArray array);

    /** True when nothing received is still waiting or being processed (WaitForPlugins). */
    boolean idle();
}
