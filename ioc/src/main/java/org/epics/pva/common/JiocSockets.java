package org.epics.pva.common;

import java.net.SocketException;

/**
 * Socket options core-pva 5.0.5 does not set on the server side. It lives in core-pva's package because the socket of
 * a connection is a protected field of {@link TCPHandler} (the jar is not sealed).
 */
public final class JiocSockets {
    private JiocSockets() { }

    /**
     * Turn off Nagle's algorithm on a connection's socket, as core-pva's client and pvxs do for every PVA socket.
     * Without it a reply written while an earlier small message is still unacknowledged waits for the peer's delayed
     * ACK (tens of ms): creating 1,000 monitors one after another took 35 s instead of under one.
     */
    public static void noDelay(TCPHandler connection) throws SocketException {
        if (connection.socket != null) connection.socket.setTcpNoDelay(true);
    }
}
