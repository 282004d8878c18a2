package org.jioc.pva;

import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.pv.PVDouble;
import org.epics.pvdata.pv.Status;

/**
 * A separate pvAccessJava client process for access-security tests: the user it claims is its JVM's user.name,
 * fixed when the client's security plugin loads, so another user needs another JVM.
 * Usage: PvaPutMain udpPort pvName value; prints "OK" or "REFUSED message".
 */
public final class PvaPutMain {
    private PvaPutMain() { }

    public static void main(String[] args) throws Exception {
        try (PvaTestClient c = new PvaTestClient(Integer.parseInt(args[0]))) {
            Channel ch = c.connect(args[1]);
            double v = Double.parseDouble(args[2]);
            Status s = c.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(v));
            System.out.println(s.isSuccess() ? "OK" : "REFUSED " + s.getMessage());
        }
        System.exit(0);
    }
}
