package org.jioc.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Set;

/** Turns a HAG host name into the numeric addresses it has now (asCheckClientIP resolves HAGs at load). */
@FunctionalInterface
public interface HostResolver {
    /** The host's addresses as numeric strings ("127.0.0.1"); empty if it does not resolve. */
    Set<String> addresses(String host);

    /** The system resolver (hosts file, DNS). */
    HostResolver SYSTEM = host -> {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) out.add(a.getHostAddress());
        } catch (UnknownHostException | SecurityException e) {
            // unresolved: the name still matches clients that claim it
        }
        return out;
    };
}
