package org.jioc.procedure;

import java.util.function.Consumer;

/** A PV a procedure reads, watches or writes: a field of this IOC, or (read and watch only) a remote PV. */
interface Pv {
    String name();

    /** The current value (a consistent snapshot). */
    PvValue read();

    /**
     * Be told of every new value (value and alarm events). The listener runs on the thread that changed the PV,
     * possibly with a record lock held: it must only hand the value on. The first call may come before this returns.
     */
    AutoCloseable watch(Consumer<PvValue> listener);

    /**
     * Put with completion (ca_put_callback): done gets null when every record the put processed has finished,
     * else the error. A refused put may call done before this returns.
     */
    void put(Object value, Consumer<String> done);

    /** Put and return once processing has started (ca_put). */
    void putNoWait(Object value) throws ProcedureFailure;
}
