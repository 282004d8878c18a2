package org.jioc;

/** The services every jioc process runs (protocol servers). One place, so tests and Main start the same IOC. */
public final class Services {
    private Services() { }

    public static void install(Ioc ioc) {
        // Channel Access is added when the CA adapter lands.
    }
}
