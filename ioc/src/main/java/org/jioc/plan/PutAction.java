package org.jioc.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A pre-scan, post-scan or at-break action: put value to pv with completion (ca_put_callback), as StepScan's
 * pre_scan/post_scan/at_break methods and the sscan record's BSPV/ASPV do. Text form "PV=VALUE", several separated
 * by ';' or new lines, run in order.
 */
public record PutAction(String pv, String value) {
    public PutAction {
        if (pv == null || pv.isBlank() || pv.contains(" "))
            throw new IllegalArgumentException("action: bad PV name '" + pv + "'");
    }

    public static List<PutAction> parseList(String text) {
        List<PutAction> out = new ArrayList<>();
        if (text == null) return out;
        for (String part : text.split("[;\n]")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("action '" + p + "' is not PV=VALUE");
            out.add(new PutAction(p.substring(0, eq).trim(), p.substring(eq + 1).trim()));
        }
        return out;
    }

    @Override
    public String toString() { return pv + "=" + value; }
}
