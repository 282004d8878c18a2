package org.jioc.load;

/**
 * A macro reference could not be expanded (recursive definition, unterminated reference, or
 * - as {@link UndefinedMacroException} - an undefined name). Carries no file position: the
 * caller knows where the text came from and adds it.
 */
public class MacroException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String macroName;

    public MacroException(String macroName, String message) {
        super(message);
        this.macroName = macroName;
    }

    /** The macro whose expansion failed. */
    public String macroName() {
        return macroName;
    }
}
