package org.jioc.ca;

import com.cosylab.epics.caj.cas.ProcessVariableEventDispatcher;

import gov.aps.jca.cas.ProcessVariableEventCallback;

/**
 * A channel's event dispatcher that closes jca's gap between a new monitor's first value and its registration: jca
 * reads and sends the first value, then registers the monitor for events, so a change in between reached nobody
 * (rsrv registers first). Once registered, the monitor is sent the field again if it changed since that read.
 */
final class CatchUpDispatcher extends ProcessVariableEventDispatcher {
    private final FieldPV pv;

    CatchUpDispatcher(FieldPV pv) {
        super(pv);
        this.pv = pv;
    }

    @Override
    public void registerEventListener(ProcessVariableEventCallback listener) {
        super.registerEventListener(listener);
        pv.catchUp(listener);
    }
}
