package org.jioc.hexapod;

/**
 * What a hexapod controller is doing, in the order of the $(P)State mbbi's states (db-templates/hexapod.template):
 * its outlet is off, it is booting after power-on, it is up but not enabled, it is ready to move, or it has locked
 * up and needs a reboot.
 */
public enum HexapodState {
    OFF("Off"), BOOTING("Booting"), DISABLED("Disabled"), READY("Ready"), LOCKED("Locked");

    private final String label;

    HexapodState(String label) { this.label = label; }

    /** The mbbi state string. */
    public String label() { return label; }
}
